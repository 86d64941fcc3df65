using System.Collections;
using System.Text.Json;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>
/// Fills parameters by precedence: command line, then environment (NUKE_NAME or EDGE_BUILD_NAME, the bare NAME only
/// for [Parameter(BareEnvironment = true)]; case and separators ignored), then .nuke/parameters.&lt;profile&gt;.json, then .nuke/parameters.json, then the member's default.
/// </summary>
public static class ParameterBinder
{
    /// <summary>Binds every parameter of <paramref name="build"/>; returns where each value came from.</summary>
    public static IReadOnlyDictionary<string, string> Bind(object build, IReadOnlyList<ParameterInfo> parameters,
        CommandLine commandLine, IDictionary environment, AbsolutePath nukeDirectory, string workingDirectory)
    {
        var sources = new Dictionary<string, string>();
        var env = new Dictionary<string, string>();
        foreach (DictionaryEntry entry in environment)
            if (entry.Key is string key && entry.Value is string value) env.TryAdd(Names.Normalize(key), value);

        var profileParameter = parameters.FirstOrDefault(p => p.Member.Name == "Profile");
        var profile = profileParameter is not null && commandLine.Options.TryGetValue(profileParameter, out var pv) ? pv.FirstOrDefault()
            : env.GetValueOrDefault("nukeprofile");
        var files = new List<(string Source, Dictionary<string, JsonElement> Values)>();
        if (profile is not null)
        {
            var file = nukeDirectory / $"parameters.{profile}.json";
            if (!file.FileExists())
            {
                var known = Directory.Exists(nukeDirectory)
                    ? Directory.GetFiles(nukeDirectory, "parameters.*.json").Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length])
                    : [];
                throw new UsageException($"Profile '{profile}' has no file {file}. Known profiles: {string.Join(", ", known.DefaultIfEmpty("(none)"))}.");
            }
            files.Add(($"profile {profile}", Read(file)));
        }
        if ((nukeDirectory / "parameters.json").FileExists()) files.Add(("parameters.json", Read(nukeDirectory / "parameters.json")));

        foreach (var parameter in parameters)
        {
            // The CLI name decides the environment name (--kubeedge-source → KUBEEDGE_SOURCE).
            var normalized = Names.Normalize(parameter.Name);
            object? value = null; string? source = null;
            if (commandLine.Options.TryGetValue(parameter, out var cli) && (cli.Count > 0 || !parameter.ValueOptional))
                (value, source) = (ParameterSet.Convert(parameter, cli, "the command line", workingDirectory), "command line");
            else if ((parameter.BareEnvironment && env.TryGetValue(normalized, out var e)) || env.TryGetValue("nuke" + normalized, out e) || env.TryGetValue("edgebuild" + normalized, out e))
                (value, source) = (ParameterSet.Convert(parameter, Split(parameter, e), $"environment {parameter.EnvironmentName}", workingDirectory), "environment");
            else
                foreach (var (fileSource, values) in files)
                {
                    var match = values.FirstOrDefault(v => Names.Normalize(v.Key) == normalized || Names.Normalize(v.Key) == Names.Normalize(parameter.Member.Name));
                    if (match.Key is null) continue;
                    (value, source) = (ParameterSet.Convert(parameter, JsonValues(match.Value), fileSource, nukeDirectory.Parent), fileSource);
                    break;
                }
            if (source is not null && parameter.IsSecret && value is string secret) value = SecretValue.Checked(parameter, secret, source);
            if (source is not null) { parameter.SetValue(build, value); sources[parameter.Name] = source; }
            // Given bare (a value-optional option): the value comes from the other sources, the presence from here.
            if (parameter.ValueOptional && cli is { Count: 0 }) sources[parameter.Name] = source is null ? "command line (no value)" : $"command line (no value; value from {source})";
            if (parameter.IsSecret) RegisterSecret(parameter.GetValue(build));
        }
        return sources;
    }

    private static void RegisterSecret(object? value)
    {
        if (value is string s) Secrets.Register(s);
        else if (value is IEnumerable items) foreach (var item in items) Secrets.Register(item?.ToString());
    }

    private static IReadOnlyList<string> Split(ParameterInfo parameter, string value) =>
        parameter.IsArray ? value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries) : [value];

    private static Dictionary<string, JsonElement> Read(AbsolutePath file)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(file))?
                .Where(kv => !kv.Key.StartsWith('$')).ToDictionary() ?? [];
        }
        catch (JsonException e) { throw new UsageException($"{file} is not valid JSON: {e.Message}"); }
    }

    private static IReadOnlyList<string> JsonValues(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Select(e => e.ToString()).ToList(),
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        _ => [element.ToString()],
    };
}
