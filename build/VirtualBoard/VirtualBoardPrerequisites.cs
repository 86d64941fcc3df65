using EdgeBuild.Doctor;
using EdgeBuild.Reporting;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;

namespace EdgeBuild.VirtualBoard;

/// <summary>
/// What VirtualBoard needs on the host: its own host tools (toolchains/host.json, target VirtualBoard: qemu-system,
/// its NIC ROM, mkfs.f2fs, cpio, dpkg-deb) and Debian's packages for the kernel's architecture (dpkg
/// --add-architecture, then apt-get update), checked before a run and installed with --install-prerequisites.
/// </summary>
public static class VirtualBoardPrerequisites
{
    /// <summary>The target name host.json's entries use.</summary>
    public const string Target = "VirtualBoard";

    /// <summary>Doctor's row: whether apt offers the kernel package for the VM's architecture (listed, not required, unless <paramref name="required"/>).</summary>
    public static async Task<CheckResult> ArchitectureRowAsync(VirtualBoardDefinition definition, bool required, AptAnswers? apt, CancellationToken ct)
    {
        var arch = definition.Arch;
        if (ProcessRunner.Which("dpkg") is null || ProcessRunner.Which("apt-cache") is null)
            return new CheckResult($"Debian {arch} packages", !required, $"no dpkg or apt-cache: {Target} fetches Debian's {arch} kernel with apt (a Debian or Ubuntu host)", []);
        var native = (await ProcessRunner.OutputOfAsync("dpkg", ["--print-architecture"], cancellationToken: ct)).Trim();
        var foreign = (await ProcessRunner.OutputOfAsync("dpkg", ["--print-foreign-architectures"], cancellationToken: ct)).Split('\n', StringSplitOptions.TrimEntries);
        var added = native == arch || foreign.Contains(arch);
        var package = $"{definition.KernelPackage}:{arch}";
        var candidate = added
            ? DebianPackages.Candidates(apt is null ? await ProcessRunner.OutputOfAsync("apt-cache", ["policy", package], cancellationToken: ct)
                : await apt.AskAsync(["policy", package], ct)).GetValueOrDefault(package)
            : null;
        var ok = candidate is not null && candidate != "(none)";
        var detail = ok ? $"apt offers {package} {candidate}"
            : !added ? $"dpkg has no {arch} architecture: as root run {FixCommand(arch)}"
            : $"apt offers no {package}: as root run apt-get update";
        return new CheckResult($"Debian {arch} packages", ok || !required, required || ok ? detail : $"{detail} (only {Target} needs them)", []);
    }

    /// <summary>
    /// Before a VirtualBoard run: installs what is missing with <paramref name="install"/> (as root), else fails naming
    /// the commands; <paramref name="apt"/> keeps apt-cache's answer between runs.
    /// </summary>
    public static async Task EnsureAsync(AbsolutePath hostJson, VirtualBoardDefinition definition, bool install, AptAnswers? apt, CancellationToken ct)
    {
        var missing = await MissingAsync(hostJson, definition, apt, ct);
        if (missing.Count == 0) return;
        var packages = PrerequisiteCheck.MissingPackages(missing);
        var archMissing = missing.Any(m => m.Packages.Count == 0);
        var commands = string.Join(" && ", (archMissing ? [FixCommand(definition.Arch)] : Array.Empty<string>())
            .Concat(packages.Count > 0 ? [$"apt-get update && apt-get install -y {string.Join(" ", packages)}"] : []));
        if (!install || !PackageInstaller.CanInstall)
            throw new BuildException($"{Target} needs what is missing here ({string.Join("; ", missing.Select(m => $"{m.Check}: {m.Detail}"))}): as root run {commands} " +
                $"(or ./build.sh {Target} --install-prerequisites as root).");
        if (archMissing)
        {
            BuildReport.Current.Information($"Adding Debian's {definition.Arch} architecture as root: {FixCommand(definition.Arch)}");
            await ProcessRunner.RunAsync("dpkg", ["--add-architecture", definition.Arch], cancellationToken: ct);
            await ProcessRunner.RunAsync("apt-get", ["update", "-qq"], new ProcessOptions { OutputLevel = LogLevel.Debug }, ct);
        }
        await PackageInstaller.InstallAsync(packages, ct);
        if (await MissingAsync(hostJson, definition, apt, ct) is { Count: > 0 } still)
            throw new BuildException($"{Target} still misses {string.Join(", ", still.Select(m => m.Check))} after installing: {string.Join("; ", still.Select(m => m.Detail))}.");
    }

    private static async Task<IReadOnlyList<CheckResult>> MissingAsync(AbsolutePath hostJson, VirtualBoardDefinition definition, AptAnswers? apt, CancellationToken ct)
    {
        var tools = HostTool.LoadAll(hostJson).Where(t => t.Target == Target).ToList();
        var rows = PrerequisiteCheck.ToolRows(tools, false, new HashSet<string> { Target }).ToList();
        rows.Add(await ArchitectureRowAsync(definition, required: true, apt, ct));
        return [.. rows.Where(r => !r.Ok)];
    }

    private static string FixCommand(string arch) => $"dpkg --add-architecture {arch} && apt-get update";
}
