using EdgeBuild.Engine;
using EdgeBuild.Kernel;
using EdgeBuild.Tooling;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Kernel config to check or explain: .config, defconfig, config.gz or kernel/boot image.")] public readonly AbsolutePath? KernelConfig;
    [Parameter("Target kernel version X.Y for version-conditional options (default: the config's header).")] public readonly string? KernelVersion;
    [Parameter("Write the kernel config verdicts as JSON to this file.")] public readonly AbsolutePath? Report;
    [Parameter("Kernel source tree whose Kconfig and olddefconfig ExplainKernelConfig uses.")] public readonly AbsolutePath? KernelSource;
    [Parameter("Config fragment to merge and explain (default: patches/kernel/docker-kubeedge.config).")] public readonly AbsolutePath? KernelFragment;
    [Parameter("Kernel ARCH for olddefconfig (default: the config header's, else arm64).")] public readonly string? KernelArch;

    /// <summary>The fragment to merge: --kernel-fragment or the Docker + KubeEdge one in patches/kernel.</summary>
    public AbsolutePath KernelFragmentFile => KernelFragment ?? PatchesDirectory / "kernel" / "docker-kubeedge.config";

    /// <summary>moby's check-config verdicts (plus KubeEdge and OpenHarmony needs) for the target kernel version.</summary>
    Target CheckKernelConfig => _ => _
        .Description("Verdicts on the options Docker and KubeEdge need, for a .config, defconfig, config.gz or kernel/boot image; fails when a necessary one is missing.")
        .Requires(() => KernelConfig)
        .Executes(() => KernelConfigCheck.Run(KernelConfigChecker.FromTargets(TargetsDirectory), KernelConfig!, KernelVersion, Report?.ToString(), Reporter));

    /// <summary>Which requested options the kernel's own olddefconfig drops, and which unmet dependencies drop them.</summary>
    Target ExplainKernelConfig => _ => _
        .Description("Merges the kernel fragment into a copy of --kernel-config, runs the kernel's olddefconfig, and names the unmet dependency of every requested option that did not survive.")
        .Requires(() => KernelSource, () => KernelConfig)
        .Executes(async ct => await KernelConfigExplain.RunAsync(KernelSource!, KernelConfig!, KernelFragmentFile, KernelArch,
            WorkDirectory / "kernel-explain", ct));
}
