using EdgeBuild.Containers;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Doctor;

/// <summary>One line of the Doctor table.</summary>
public sealed record CheckResult(string Check, bool Ok, string Detail, IReadOnlyList<string> Packages);

/// <summary>Checks the machine for what the build needs: toolchains, qemu, host tools, Docker engine, Go, disk.</summary>
public sealed class PrerequisiteCheck(AbsolutePath toolchainsDirectory, IReadOnlyList<(string Label, string Path)> diskLocations, long minimumFreeBytes)
{
    /// <summary>Also checks the host tools only the test suite uses (host.json's testsOnly entries).</summary>
    public bool IncludeTestTools { get; init; }

    /// <summary>Targets whose own host tools (host.json's target entries) are required; the others' are listed, not required.</summary>
    public IReadOnlySet<string> ForTargets { get; init; } = new HashSet<string>();

    /// <summary>Checks a concern adds (the Go a KubeEdge release needs...), run after the generic ones.</summary>
    public IReadOnlyList<Func<CancellationToken, Task<CheckResult>>> ExtraChecks { get; init; } = [];

    /// <summary>Runs every check.</summary>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        foreach (var toolchain in Toolchain.LoadAll(toolchainsDirectory))
        {
            var missing = new[] { toolchain.Tools.Cc, toolchain.Tools.Ar, toolchain.Tools.Strip }.Where(t => ProcessRunner.Which(t) is null).ToList();
            results.Add(new($"toolchain {toolchain.Name}", missing.Count == 0,
                missing.Count == 0 ? await VersionOf(toolchain.Tools.Cc, cancellationToken) : $"missing {string.Join(", ", missing)}",
                missing.Count == 0 ? [] : toolchain.Packages));
            var qemu = ProcessRunner.Which(toolchain.Qemu);
            results.Add(new($"qemu for {toolchain.Arch}", qemu is not null,
                qemu ?? $"{toolchain.Qemu} missing: built binaries are not smoke-run", qemu is null ? toolchain.QemuPackages : []));
        }
        results.AddRange(ToolRows(HostTool.LoadAll(toolchainsDirectory / "host.json"), IncludeTestTools, ForTargets));
        var (facts, line) = await EngineFacts.DescribeAsync(TimeSpan.FromSeconds(30));
        results.Add(new("Docker engine", facts is not null,
            facts is not null ? line : $"{line}; start dockerd or set --docker-host, DOCKER_HOST or a Docker context",
            facts is null && ProcessRunner.Which("dockerd") is null ? ["docker.io"] : []));
        foreach (var extra in ExtraChecks) results.Add(await extra(cancellationToken));
        foreach (var (label, path) in diskLocations)
        {
            var free = FreeBytes(path);
            results.Add(new($"disk ({label})", free >= minimumFreeBytes,
                $"{Progress.Size(free)} free at {path} (want {Progress.Size(minimumFreeBytes)})", []));
        }
        return results;
    }

    /// <summary>
    /// Rows of the host tools: the build's; the test suite's with <paramref name="includeTestTools"/> (a kernel source
    /// package, shellcheck... are Test's business, not the build's); a target's own (VirtualBoard's qemu-system...)
    /// required for <paramref name="forTargets"/> and the tests, else listed as optional with what installs them.
    /// </summary>
    public static IEnumerable<CheckResult> ToolRows(IReadOnlyList<HostTool> tools, bool includeTestTools, IReadOnlySet<string> forTargets)
    {
        foreach (var tool in tools.Where(t => includeTestTools || !t.TestsOnly))
        {
            var path = ProcessRunner.Which(tool.Command);
            var required = tool.Target is null || includeTestTools || forTargets.Contains(tool.Target);
            if (required) yield return new(tool.Command, path is not null, path ?? $"missing ({tool.Why})", path is null ? tool.Packages : []);
            else yield return new(tool.Command, true, path ?? $"not installed; only {tool.Target} needs it ({tool.Why}): apt-get install {string.Join(" ", tool.Packages)}, " +
                $"or ./build.sh {tool.Target} --install-prerequisites", []);
        }
    }

    /// <summary>The packages that install everything the failed checks miss, each once, sorted.</summary>
    public static IReadOnlyList<string> MissingPackages(IReadOnlyList<CheckResult> results) =>
        [.. results.SelectMany(r => r.Packages).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The single apt-get line that installs everything missing.</summary>
    public static string? InstallCommand(IReadOnlyList<CheckResult> results) =>
        MissingPackages(results) is { Count: > 0 } packages ? $"apt-get install -y {string.Join(" ", packages)}" : null;

    /// <summary>The table as text.</summary>
    public static string Render(IReadOnlyList<CheckResult> results)
    {
        var width = results.Max(r => r.Check.Length) + 2;
        return string.Join("\n", results.Select(r => $"  {(r.Ok ? "ok     " : "MISSING")}  {r.Check.PadRight(width)}{r.Detail}"));
    }

    private static async Task<string> VersionOf(string command, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(command, ["--version"], new ProcessOptions { CaptureOutput = true, AllowFailure = true }, ct);
        return result.StandardOutput.Split('\n')[0].Trim();
    }

    /// <summary>Free bytes on the file system holding <paramref name="path"/> (or its nearest existing parent).</summary>
    public static long FreeBytes(string path)
    {
        var dir = new DirectoryInfo(path);
        while (!dir.Exists && dir.Parent is not null) dir = dir.Parent;
        return new DriveInfo(dir.FullName).AvailableFreeSpace;
    }
}
