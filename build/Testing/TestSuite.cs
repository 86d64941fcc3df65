using System.Text.RegularExpressions;
using EdgeBuild.Containers;
using EdgeBuild.Doctor;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Testing;

/// <summary>Prepares the machine for the test suite (packages, Docker engine) and runs dotnet test.</summary>
public sealed partial class TestSuite(AbsolutePath root, AbsolutePath toolchains, AbsolutePath temporary)
{
    /// <summary>Installs every package toolchains/ and host.json name (test tools included) whose tool is missing.</summary>
    public async Task InstallPrerequisitesAsync(CancellationToken ct)
    {
        var check = new PrerequisiteCheck(toolchains, [], 0) { IncludeTestTools = true };
        await PackageInstaller.InstallAsync(PrerequisiteCheck.MissingPackages(await check.RunAsync(ct)), ct);
    }

    /// <summary>
    /// Runs the suite; a private dockerd is started for it when no engine answers and stopped after. With
    /// <paramref name="fast"/> only Tier=Fast tests run, with no Docker engine and a PATH without toolchains or qemu.
    /// </summary>
    public async Task RunAsync(string? filter, bool fast, CancellationToken ct)
    {
        PrivateDockerDaemon? daemon = null;
        var environment = fast ? FastEnvironment() : new Dictionary<string, string?>();
        filter = Filter(filter, fast);
        if (!fast && (await DockerEngine.ProbeAsync()).Version is null && ProcessRunner.Which("dockerd") is not null && PackageInstaller.CanInstall)
        {
            BuildReport.Current.Information("No Docker engine answers: starting a private dockerd for the tests.");
            daemon = await PrivateDockerDaemon.StartAsync(ct);
            environment["DOCKER_HOST"] = daemon.Host;
            BuildReport.Current.Information($"Private dockerd on {daemon.Host}");
        }
        try
        {
            var results = temporary / "test-results";
            if (File.Exists(results / TrxName)) File.Delete(results / TrxName);
            string[] args = ["test", root / "tests" / "Tests.csproj", "--nologo", "--logger", "console;verbosity=normal",
                "--logger", $"trx;LogFileName={TrxName}", "--results-directory", results, .. filter is null ? Array.Empty<string>() : ["--filter", filter]];
            var result = await ProcessRunner.RunAsync("dotnet", args, new ProcessOptions
            {
                WorkingDirectory = root, Environment = environment, OutputLevel = LogLevel.Information, AllowFailure = true,
                LogFile = temporary / "test-results" / "dotnet-test.log",
            }, ct);
            var counts = ReadCounts(result.LastLines);
            if (counts is { } c)
            {
                BuildReport.Current.Information($"{c.Passed} passed, {c.Failed} failed, {c.Skipped} skipped");
                BuildReport.Current.Note($"{c.Passed} passed, {c.Failed} failed, {c.Skipped} skipped");
            }
            var failures = TestFailure.Read(results / TrxName);
            if (failures.Count > 0)
            {
                BuildReport.Current.Error($"Failed tests ({failures.Count}):");
                foreach (var failure in failures)
                {
                    BuildReport.Current.Error($"  {failure.Name}");
                    foreach (var line in failure.Message) BuildReport.Current.Error($"      {line}");
                }
                BuildReport.Current.Note("failed: " + string.Join(", ", failures.Take(5).Select(f => f.Name.Split('.')[^1])) + (failures.Count > 5 ? ", ..." : ""));
            }
            if (result.ExitCode != 0) throw new BuildException($"dotnet test exited with code {result.ExitCode}; log: {temporary / "test-results" / "dotnet-test.log"}");
        }
        finally { if (daemon is not null) await daemon.DisposeAsync(); }
    }

    private const string TrxName = "results.trx";

    /// <summary>The dotnet test filter: the given one, narrowed to Tier=Fast for the fast tier.</summary>
    public static string? Filter(string? filter, bool fast) =>
        !fast ? filter : filter is null ? "Tier=Fast" : $"(Tier=Fast)&({filter})";

    /// <summary>The environment of the fast tier: DOCKER_HOST at a socket nobody listens on, PATH without the hidden commands.</summary>
    public Dictionary<string, string?> FastEnvironment()
    {
        var all = Toolchain.LoadAll(toolchains);
        var farm = temporary / "fast-tier-path";
        var left = FastTierPath.Build(farm, (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
            FastTierPath.HiddenCommands(all, HostTool.LoadAll(toolchains / "host.json")), all.Select(t => t.Triplet));
        BuildReport.Current.Information($"Fast tier: Tier=Fast tests, no Docker engine, PATH without {left.Count} commands ({string.Join(", ", left.Take(12))}{(left.Count > 12 ? ", ..." : "")}).");
        return new() { ["PATH"] = farm, ["DOCKER_HOST"] = $"unix://{temporary / "no-docker-in-the-fast-tier.sock"}" };
    }

    /// <summary>Reads the totals from either dotnet test summary form ("Failed: 0, Passed: 5, ..." or one count per line).</summary>
    public static (int Failed, int Passed, int Skipped)? ReadCounts(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        foreach (var line in Enumerable.Reverse(list))
            if (CountsLine().Match(line) is { Success: true } m)
                return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
        var counts = new Dictionary<string, int>();
        foreach (var line in list)
            if (CountLine().Match(line) is { Success: true } m) counts[m.Groups[1].Value] = int.Parse(m.Groups[2].Value);
        return counts.ContainsKey("Total tests")
            ? (counts.GetValueOrDefault("Failed"), counts.GetValueOrDefault("Passed"), counts.GetValueOrDefault("Skipped"))
            : null;
    }

    [GeneratedRegex(@"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)")]
    private static partial Regex CountsLine();

    [GeneratedRegex(@"^\s*(Total tests|Passed|Failed|Skipped):\s*(\d+)\s*$")]
    private static partial Regex CountLine();
}
