using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeBuild.Kernel;

/// <summary>The verdict on one option: its group, section and state (enabled, module, missing).</summary>
public sealed record OptionVerdict(string Name, string Group, string? Section, OptionState State);

/// <summary>What <see cref="KernelConfigChecker"/> found for one config and target kernel version.</summary>
public sealed record KernelConfigReport(string KernelVersion, string Source, IReadOnlyList<OptionVerdict> Options,
    IReadOnlyList<string> MissingNecessary, IReadOnlyList<RequirementGroup> Groups)
{
    /// <summary>True when no option of a failing group is missing.</summary>
    public bool Passed => MissingNecessary.Count == 0;

    /// <summary>The verdicts under group headings, one "- CONFIG_X: enabled | enabled (as module) | missing" line each (moby's form).</summary>
    public string Render()
    {
        var text = new StringBuilder($"info: kernel config {Source}, target kernel {KernelVersion}\n");
        foreach (var group in Groups)
        {
            text.Append('\n').Append(group.Title).Append(":\n");
            string? section = null;
            foreach (var verdict in Options.Where(o => o.Group == group.Id))
            {
                if (verdict.Section != section && verdict.Section is not null) text.Append($"- \"{verdict.Section}\":\n");
                section = verdict.Section;
                var indent = section is null ? "" : "  ";
                text.Append($"{indent}- {verdict.Name}: {Describe(verdict.State)}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>The report as JSON: kernelVersion, source, options (name, group, state), missingNecessary.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        kernelVersion = KernelVersion,
        source = Source,
        options = Options.Select(o => new { name = o.Name, group = o.Group, state = StateName(o.State) }),
        missingNecessary = MissingNecessary,
    }, new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>moby's wording for a state.</summary>
    public static string Describe(OptionState state) => state switch
    {
        OptionState.Enabled => "enabled",
        OptionState.Module => "enabled (as module)",
        _ => "missing",
    };

    /// <summary>The state as written in the JSON report: enabled, module or missing.</summary>
    public static string StateName(OptionState state) => state switch
    {
        OptionState.Enabled => "enabled",
        OptionState.Module => "module",
        _ => "missing",
    };
}
