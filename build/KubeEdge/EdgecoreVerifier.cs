using System.Text.RegularExpressions;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using EdgeBuild.Verification;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>
/// Checks an edgecore binary like the userland ones (the toolchain's machine, static) and runs it under qemu with
/// an edgecore.yaml of its release's family. edgecore 1.12+ ignores --version, but every release logs
/// "Version: vX.Y.Z" after parsing and validating its config and then stops at the first missing network
/// interface; reaching that point proves the version and that the binary accepts the config this build writes,
/// before it touches anything on the host.
/// </summary>
public static class EdgecoreVerifier
{
    /// <summary>An interface name no build host has (at most 15 characters), where edgecore stops.</summary>
    public const string ProbeInterface = "eb-probe-none0";

    /// <summary>
    /// Verifies <paramref name="path"/>; returns edgecore's version line (null when qemu is absent, with a warning).
    /// Fails when it is not a static binary for the toolchain, is another version, or rejects the config.
    /// </summary>
    public static async Task<string?> VerifyAsync(string path, Toolchain toolchain, KubeEdgeRelease release, EdgecoreFields fields, string dataRoot, CancellationToken ct)
    {
        var facts = ElfInspector.VerifyStatic(path, toolchain.Elf);
        BuildReport.Current.Information($"{Path.GetFileName(path)}: {facts}");
        if (ProcessRunner.Which(toolchain.Qemu) is null)
        {
            BuildReport.Current.Warning($"{toolchain.Qemu} is not installed: {path} was not run (apt-get install {string.Join(" ", toolchain.QemuPackages)}).");
            return null;
        }
        var probe = Directory.CreateTempSubdirectory("eb-edgecore-probe-");
        try
        {
            var config = Path.Combine(probe.FullName, "edgecore.yaml");
            EdgecoreConfigWriter.Write(config, release, new EdgecoreSettings { CloudcoreAddress = "127.0.0.1", InterfaceName = ProbeInterface, DataRoot = dataRoot }, fields);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            var result = await ProcessRunner.RunAsync(toolchain.Qemu, [path, "--config", config], new ProcessOptions
            {
                AllowFailure = true, WorkingDirectory = probe.FullName,
                // Skips upstream's "is another edgecore running" scan of the host's processes.
                Environment = new Dictionary<string, string?> { ["CHECK_EDGECORE_ENVIRONMENT"] = "false" },
            }, timeout.Token);
            var output = string.Join("\n", result.LastLines);
            var version = Regex.Match(output, @"Version: (v\d+\.\d+\.\d+\S*)");
            if (!version.Success || version.Groups[1].Value != release.Tag)
                throw new BuildException($"{path} is not the edgecore of KubeEdge {release.Tag}: run with a {release.Series.Config} edgecore.yaml under {toolchain.Qemu}, it " +
                    (version.Success ? $"reported {version.Groups[1].Value}" : "logged no version") + $" (exit code {result.ExitCode}). Last lines:\n{output}");
            if (!output.Contains(ProbeInterface, StringComparison.Ordinal))
                throw new BuildException($"{path} ({release.Tag}) did not get as far as the network interface with the generated edgecore.yaml (exit code {result.ExitCode}); " +
                    $"it may not accept this build's {release.Series.Config} fields (targets/kubeedge/edgecore-fields.json). Last lines:\n{output}");
            BuildReport.Current.Information($"{Path.GetFileName(path)} accepted a {release.Series.Config} edgecore.yaml and reports {version.Groups[1].Value}");
            return version.Value;
        }
        finally { probe.Delete(recursive: true); }
    }
}
