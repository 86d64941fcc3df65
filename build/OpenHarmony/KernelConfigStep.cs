using EdgeBuild.Kernel;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>
/// BuildOpenHarmony's final proof: the config embedded in the built boot image (IKCONFIG) passes CheckKernelConfig,
/// so every option the fragment asked for survived the kernel build.
/// </summary>
public sealed class KernelConfigStep(KernelConfigChecker checker, string reportPath, IBuildReport report) : IOhosBuildStep
{
    public string Name => "kernel-config";

    public Task RunAsync(OhosBuildOutput output, CancellationToken ct)
    {
        if (!output.BootImage.FileExists())
            throw new BuildException($"{output.BootImage} is missing: the build produced no boot image to check the kernel config in.");
        KernelConfigCheck.Run(checker, output.BootImage, kernelVersion: null, reportPath, report);
        return Task.CompletedTask;
    }
}
