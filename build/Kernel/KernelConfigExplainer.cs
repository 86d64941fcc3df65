using EdgeBuild.Kernel.Kconfig;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel;

/// <summary>The result of ExplainKernelConfig: the config olddefconfig wrote and the requested options it dropped.</summary>
public sealed record KernelConfigExplanation(string ResultConfig, int Requested, IReadOnlyList<DroppedOption> Dropped);

/// <summary>
/// Merges a fragment into a copy of a config, lets the kernel's own `make olddefconfig` (host gcc, make, flex, bison)
/// resolve it in a separate build directory (O=), and explains each requested option that did not survive.
/// </summary>
public static class KernelConfigExplainer
{
    /// <summary>Runs olddefconfig for <paramref name="arch"/> (null: from the config header, else arm64) in <paramref name="buildDirectory"/>.</summary>
    public static async Task<KernelConfigExplanation> ExplainAsync(string kernelSource, KernelConfig baseConfig, ConfigFragment fragment,
        string? arch, string buildDirectory, CancellationToken ct)
    {
        var srcArch = SourceArch(arch ?? baseConfig.Arch ?? "arm64");
        if (!File.Exists(Path.Combine(kernelSource, "Makefile")) || !File.Exists(Path.Combine(kernelSource, "Kconfig")))
            throw new BuildException($"{kernelSource} is not a kernel source tree (no Makefile and Kconfig at its root); pass one as --kernel-source.");
        if (!Directory.Exists(Path.Combine(kernelSource, "arch", srcArch)))
            throw new BuildException($"{kernelSource} has no arch/{srcArch}; pass --kernel-arch with one of: {string.Join(", ", Directory.GetDirectories(Path.Combine(kernelSource, "arch")).Select(Path.GetFileName))}.");
        Directory.CreateDirectory(buildDirectory);
        var config = Path.Combine(buildDirectory, ".config");
        Files.WriteAtomically(config, fragment.MergeInto(baseConfig.Text));
        await ProcessRunner.RunAsync("make", ["-C", kernelSource, $"O={Path.GetFullPath(buildDirectory)}", $"ARCH={srcArch}", "olddefconfig"],
            new ProcessOptions { LogFile = Path.Combine(buildDirectory, "olddefconfig.log") }, ct);
        var result = KernelConfig.Parse(await File.ReadAllTextAsync(config, ct), config);
        var tree = KconfigReader.Read(kernelSource, srcArch);
        return new KernelConfigExplanation(config, fragment.Lines.Count, new DroppedOptionAnalyzer(tree).Analyze(fragment, result));
    }

    /// <summary>The kernel's SRCARCH for an ARCH or config-header name (x86_64 → x86, aarch64 → arm64).</summary>
    public static string SourceArch(string arch) => arch switch
    {
        "x86_64" or "i386" or "x86" => "x86",
        "aarch64" or "arm64" => "arm64",
        "sparc64" => "sparc",
        "parisc64" => "parisc",
        _ => arch,
    };
}
