using EdgeBuild.Engine;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using EdgeBuild.Verification;

namespace EdgeBuild.KubeEdge;

/// <summary>Checks an edgecore binary like the userland ones: the toolchain's machine, static, and `--version` answers under qemu.</summary>
public static class EdgecoreVerifier
{
    /// <summary>
    /// Verifies <paramref name="path"/>; returns what `edgecore --version` printed (null when qemu is absent, with a warning).
    /// Fails when it is not a static binary for the toolchain, or its version line lacks <paramref name="expectedTag"/>.
    /// </summary>
    public static async Task<string?> VerifyAsync(string path, Toolchain toolchain, string? expectedTag, CancellationToken ct)
    {
        var facts = ElfInspector.VerifyStatic(path, toolchain.Elf);
        Log.Information($"{Path.GetFileName(path)}: {facts}");
        if (ProcessRunner.Which(toolchain.Qemu) is null)
        {
            Log.Warning($"{toolchain.Qemu} is not installed: {path} was not run (apt-get install {string.Join(" ", toolchain.QemuPackages)}).");
            return null;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var output = (await ProcessRunner.RunAsync(toolchain.Qemu, [path, "--version"], new ProcessOptions { CaptureOutput = true }, timeout.Token)).StandardOutput.Trim();
        if (expectedTag is not null && !output.Contains(expectedTag, StringComparison.Ordinal))
            throw new BuildException($"{path} --version printed '{output}', not version {expectedTag}. Is it the edgecore of KubeEdge {expectedTag} (--kubeedge-version)?");
        Log.Information($"{Path.GetFileName(path)} --version: {output}");
        return output;
    }
}
