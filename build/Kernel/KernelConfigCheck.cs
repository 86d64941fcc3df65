using EdgeBuild.Reporting;
using EdgeBuild.Tooling;

namespace EdgeBuild.Kernel;

/// <summary>The CheckKernelConfig step: read, check, print, write the report, fail on a missing necessary option.</summary>
public static class KernelConfigCheck
{
    /// <summary>Checks <paramref name="configPath"/>; writes <paramref name="reportPath"/> (when given) before failing; verdicts and a note go to <paramref name="buildReport"/>.</summary>
    public static KernelConfigReport Run(KernelConfigChecker checker, string configPath, string? kernelVersion, string? reportPath, IBuildReport buildReport)
    {
        var report = checker.Check(KernelConfigReader.Read(configPath), kernelVersion);
        buildReport.Information(report.Render());
        if (reportPath is not null)
        {
            Files.WriteAtomically(reportPath, report.ToJson());
            buildReport.Information($"Report written to {reportPath}");
        }
        var missing = report.Options.Count(o => o.State == OptionState.Missing);
        buildReport.Note($"kernel {report.KernelVersion}: {report.Options.Count - missing} of {report.Options.Count} enabled, {report.MissingNecessary.Count} necessary missing");
        if (!report.Passed)
            throw new BuildException($"{report.MissingNecessary.Count} necessary kernel option(s) missing in {report.Source}: {string.Join(", ", report.MissingNecessary)}. " +
                "Merge patches/kernel/docker-kubeedge.config into the kernel config (PatchOpenHarmony does this for OpenHarmony trees) and rebuild.");
        return report;
    }
}
