using System.Text.RegularExpressions;
using EdgeBuild.Kernel;

namespace EdgeBuild.VirtualBoard;

/// <summary>One step of the smoke script: ok, FAIL or skip, its name and detail line.</summary>
public sealed record SmokeStep(string Status, string Name, string Detail)
{
    /// <summary>The summary line.</summary>
    public override string ToString() => $"{Name}: {Status} {Detail}";
}

/// <summary>The smoke run read back from the VM's serial console log.</summary>
public sealed partial record SmokeReport(IReadOnlyList<SmokeStep> Steps, bool Passed, IReadOnlyDictionary<string, OptionState> KernelCheck)
{
    /// <summary>Parses the "SMOKE ..." and "CHECK CONFIG_X: ..." lines of <paramref name="console"/>.</summary>
    public static SmokeReport Parse(IEnumerable<string> console)
    {
        var steps = new List<SmokeStep>();
        var check = new Dictionary<string, OptionState>(StringComparer.Ordinal);
        var passed = false;
        foreach (var raw in console)
        {
            var line = raw.TrimEnd('\r');
            if (StepLine().Match(line) is { Success: true } step) steps.Add(new SmokeStep(step.Groups[1].Value, step.Groups[2].Value, step.Groups[3].Value));
            else if (line.Contains("SMOKE END pass", StringComparison.Ordinal)) passed = true;
            else if (CheckLine().Match(line) is { Success: true } option)
                check[option.Groups[1].Value] = option.Groups[2].Value switch
                {
                    "enabled" => OptionState.Enabled,
                    var s when s.StartsWith("module", StringComparison.Ordinal) => OptionState.Module,
                    _ => OptionState.Missing,
                };
        }
        return new SmokeReport(steps, passed && steps.All(s => s.Status != "FAIL"), check);
    }

    /// <summary>Options the VM's check-kernel.sh and the product's checker (on the same config) judge differently, as "NAME: vm X, host Y".</summary>
    public IReadOnlyList<string> KernelCheckDisagreements(KernelConfigReport host) =>
        [.. host.Options.Where(o => KernelCheck.TryGetValue(o.Name, out var vm) && vm != o.State)
            .Select(o => $"{o.Name}: check-kernel.sh says {KernelCheck[o.Name]}, CheckKernelConfig says {o.State}")];

    [GeneratedRegex(@"SMOKE (ok|FAIL|skip) ([a-z_]+): ?(.*)$")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"CHECK (CONFIG_[A-Z0-9_]+): (\w+)")]
    private static partial Regex CheckLine();
}
