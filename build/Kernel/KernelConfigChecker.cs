using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel;

/// <summary>Checks a kernel config against the requirements for a target kernel version (never the build host's).</summary>
public sealed class KernelConfigChecker(KernelRequirements requirements)
{
    /// <summary>A checker with the requirements in targets/kernel/requirements.json.</summary>
    public static KernelConfigChecker FromTargets(string targetsDirectory) =>
        new(KernelRequirements.Load(KernelRequirements.DefaultPath(targetsDirectory)));

    /// <summary>The version to check for: <paramref name="kernelVersion"/> when given, else the config header's; fails when neither exists.</summary>
    public static KernelVersion TargetVersion(KernelConfig config, string? kernelVersion) =>
        !string.IsNullOrWhiteSpace(kernelVersion) ? KernelVersion.Parse(kernelVersion)
        : KernelVersion.TryParse(config.HeaderVersion)
          ?? throw new BuildException($"{config.Source} has no \"Linux/<arch> X.Y Kernel Configuration\" header; pass --kernel-version X.Y (the target kernel's, not this host's).");

    /// <summary>Verdicts for every option that applies to the target version; <paramref name="kernelVersion"/> null reads the header.</summary>
    public KernelConfigReport Check(KernelConfig config, string? kernelVersion)
    {
        var version = TargetVersion(config, kernelVersion);
        var verdicts = new List<OptionVerdict>();
        var missing = new List<string>();
        foreach (var group in requirements.Groups)
            foreach (var option in group.Options.Where(o => o.AppliesTo(version, config)))
            {
                var state = config.StateOf(option.Name);
                verdicts.Add(new OptionVerdict(option.Name, group.Id, option.Section, state));
                if (state == OptionState.Missing && group.FailsWhenMissing && !missing.Contains(option.Name)) missing.Add(option.Name);
            }
        return new KernelConfigReport(version.ToString(), config.Source, verdicts, missing, requirements.Groups);
    }
}
