using System.Text;

namespace EdgeBuild.Engine;

/// <summary>The --help text: targets with descriptions and direct dependencies, parameters with defaults and env names.</summary>
public static class HelpText
{
    public static string Render(TargetGraph graph, IReadOnlyList<ParameterInfo> parameters, object build)
    {
        var text = new StringBuilder("Usage: ./build.sh [targets] [--parameters]\n\nTargets:\n");
        var listed = graph.Targets.Values.Where(t => !t.IsUnlisted).ToList();
        var width = listed.Max(t => t.Name.Length) + 2;
        foreach (var target in listed)
        {
            text.Append("  ").Append(target.Name.PadRight(width)).AppendLine(target.DescriptionText ?? "");
            if (graph.DependsOn[target.Name].Count > 0)
                text.Append("  ").Append(new string(' ', width)).Append("→ ").AppendLine(string.Join(", ", graph.DependsOn[target.Name]));
        }
        text.AppendLine().AppendLine("Parameters (--name value; env NUKE_NAME or EDGE_BUILD_NAME, a few also bare NAME; .nuke/parameters.json; --profile X):");
        // Defaults come from a fresh instance, so values bound for this run do not show as defaults.
        var defaults = Activator.CreateInstance(build.GetType()) ?? build;
        foreach (var parameter in parameters.OrderBy(p => p.Member.DeclaringType == typeof(NukeBuild)).ThenBy(p => p.Name))
        {
            var value = parameter.GetValue(defaults);
            var shown = parameter.IsSecret && value is not null ? "***" : Format(value);
            text.Append("  --").Append(parameter.Name.PadRight(24)).Append(' ').Append(parameter.Description ?? "");
            if (shown is not null) text.Append($" [default: {shown}]");
            text.Append($" (env {parameter.EnvironmentName})");
            if (parameter.ValueType.IsEnum) text.Append($" one of: {string.Join(", ", Enum.GetNames(parameter.ValueType).Select(n => n.ToLowerInvariant()))}");
            text.AppendLine();
        }
        return text.ToString().TrimEnd();
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : null,
        Array { Length: 0 } => null,
        Array a => string.Join(" ", a.Cast<object>()),
        Enum e => e.ToString().ToLowerInvariant(),
        _ => value.ToString(),
    };
}
