using EdgeBuild.Engine;
using EdgeBuild.Kernel;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Kernel config to check or explain: .config, defconfig, config.gz or kernel/boot image.")] public AbsolutePath? KernelConfig;
    [Parameter("Target kernel version X.Y for version-conditional options (default: the config's header).")] public string? KernelVersion;
    [Parameter("Write the kernel config verdicts as JSON to this file.")] public AbsolutePath? Report;

    /// <summary>Docker + KubeEdge kernel config fragment merged into OpenHarmony and explained.</summary>
    public AbsolutePath KernelFragment => PatchesDirectory / "kernel" / "docker-kubeedge.config";

    /// <summary>moby's check-config verdicts (plus KubeEdge and OpenHarmony needs) for the target kernel version.</summary>
    Target CheckKernelConfig => _ => _
        .Description("Verdicts on the options Docker and KubeEdge need, for a .config, defconfig, config.gz or kernel/boot image; fails when a necessary one is missing.")
        .Requires(() => KernelConfig)
        .Executes(() => KernelConfigCheck.Run(KernelConfigChecker.FromTargets(TargetsDirectory), KernelConfig!, KernelVersion, Report));
}
