using EdgeBuild.Tooling;

namespace EdgeBuild.Engine;

/// <summary>Positional targets and --options split from the arguments, using the parameters' types.</summary>
public sealed record CommandLine(IReadOnlyList<string> Targets, IReadOnlyDictionary<ParameterInfo, IReadOnlyList<string>> Options)
{
    /// <summary>Parses <paramref name="args"/>; an unknown --option fails listing the close names.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyList<ParameterInfo> parameters)
    {
        var targets = new List<string>();
        var options = new Dictionary<ParameterInfo, IReadOnlyList<string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token is "-h" or "-?") token = "--help";
            if (!token.StartsWith("--"))
            {
                targets.AddRange(token.Split('+', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }
            var body = token[2..];
            string? inline = null;
            if (body.IndexOf('=') is var eq and > 0) { inline = body[(eq + 1)..]; body = body[..eq]; }
            var parameter = parameters.FirstOrDefault(p => Names.Normalize(p.Name) == Names.Normalize(body))
                ?? throw Unknown(body, parameters);
            var values = new List<string>();
            if (inline is not null) values.Add(inline);
            else if (parameter.IsArray)
                while (i + 1 < args.Count && !args[i + 1].StartsWith("--")) values.Add(args[++i]);
            else if (parameter.IsFlag)
            {
                if (i + 1 < args.Count && bool.TryParse(args[i + 1], out _)) values.Add(args[++i]);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--")) values.Add(args[++i]);
            else if (parameter.ValueOptional) { } // given bare: ParameterBinder records the presence
            // The description says what the value is (and, for a directory option, where to turn instead).
            else throw new UsageException($"Option --{parameter.Name} needs a value." + (parameter.Description is { } what ? $" --{parameter.Name}: {what}" : ""));
            options[parameter] = options.TryGetValue(parameter, out var earlier) ? [.. earlier, .. values] : values;
        }
        return new CommandLine(targets, options);
    }

    private static UsageException Unknown(string name, IReadOnlyList<ParameterInfo> parameters)
    {
        var close = Names.Closest(name, parameters.Select(p => p.Name));
        return new UsageException($"Unknown option --{name}." +
            (close.Count > 0 ? $" Did you mean: {string.Join(", ", close.Select(c => "--" + c))}?" : "") +
            " Run ./build.sh --help for the parameters.");
    }
}
