using EdgeBuild.Tests.Packaging;
using EdgeBuild.Tests.Recipes;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Caching;

/// <summary>
/// Two build processes (two clones, two artifacts directories, one output cache) filling the same entry at once, as two
/// CI jobs or a developer's two checkouts do: each is the real build (_build.dll) run by dotnet, so the cache's locks,
/// temp names and renames meet a second process rather than a second thread.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class OutputCacheProcessTests : IDisposable
{
    private static readonly string[] Binaries = ["containerd", "containerd-shim", "ctr", "docker", "docker-init", "docker-proxy", "dockerd", "runc"];
    private readonly TempDirectory _dir = new();
    private readonly RepositoryCopy _first = new(), _second = new();
    private AbsolutePath Cache => AbsolutePath.Create(_dir["cache/outputs"]);

    [Fact(Timeout = 300000)]
    public async Task Two_processes_filling_the_same_entry_leave_one_whole_entry_that_restores()
    {
        // Padded so that storing, a copy and a sha256 of ~64 MB, takes long enough for the two fills to overlap.
        var tarball = await Fixtures.DockerTarballAsync(_dir.Path, "18.09.2", Binaries, await Fixtures.PaddedStaticElfAsync(8));
        var pins = Fixtures.DockerPins(_dir.Path, tarball, "18.09.2");

        // Rounds until the two fills were seen in tmp/ at the same time (the first round almost always).
        var overlapped = false;
        var round = 0;
        for (; round < 6 && !overlapped; round++)
        {
            if (Cache.DirectoryExists()) Directory.Delete(Cache, recursive: true);
            using var watching = new CancellationTokenSource();
            var watcher = WatchForTwoFillsAsync(watching.Token);
            var runs = await Task.WhenAll(DockerStaticAsync(_first, $"artifacts{round}", pins, tarball),
                DockerStaticAsync(_second, $"artifacts{round}", pins, tarball));
            await watching.CancelAsync();
            overlapped = await watcher;

            foreach (var run in runs) run.ExitCode.ShouldBe(0, run.StandardOutput);
            Directory.GetDirectories(Cache / "entries").ShouldHaveSingleItem();
            Directory.GetFileSystemEntries(Cache / "tmp").ShouldBeEmpty();
        }
        overlapped.ShouldBeTrue("the two processes' fills never overlapped in 6 rounds");
        var restored = await DockerStaticAsync(_first, "restored", pins, tarball);

        restored.ExitCode.ShouldBe(0, restored.StandardOutput);
        restored.StandardOutput.ShouldContain("restored from cache");
        foreach (var name in Binaries)
            File.ReadAllBytes(_first.Root / "restored" / "rk3568" / "docker-static" / name)
                .ShouldBe(File.ReadAllBytes(_second.Root / $"artifacts{round - 1}" / "rk3568" / "docker-static" / name), name);
    }

    // True once two fills (temp directories) were in tmp/ at the same time.
    private async Task<bool> WatchForTwoFillsAsync(CancellationToken stop)
    {
        var temp = Cache / "tmp";
        while (!stop.IsCancellationRequested)
        {
            if (temp.DirectoryExists() && Directory.GetDirectories(temp).Length >= 2) return true;
            await Task.Delay(2, CancellationToken.None);
        }
        return false;
    }

    private Task<ProcessResult> DockerStaticAsync(RepositoryCopy clone, string artifacts, string pins, string tarball) =>
        ProcessRunner.RunAsync(Dotnet, [Path.Combine(AppContext.BaseDirectory, "_build.dll"), "DockerStatic", "--artifacts", clone.Root / artifacts,
            "--pins", pins, "--docker-static-tarball", tarball, "--outputs-cache", Cache, "--offline"],
            new ProcessOptions { WorkingDirectory = clone.Root, CaptureOutput = true, AllowFailure = true, Heartbeat = null });

    // The dotnet running this test host, so the child builds use the same runtime.
    private static string Dotnet => Environment.ProcessPath is { } host && Path.GetFileName(host) == "dotnet" ? host : "dotnet";

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        _dir.Dispose();
    }
}
