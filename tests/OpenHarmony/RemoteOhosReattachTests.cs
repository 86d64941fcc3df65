using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Containers;
using EdgeBuild.OpenHarmony;
using EdgeBuild.Tests.Containers.Remote;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>
/// A long build on a remote engine (the test's dockerd over TLS) survives the network: a connection cut mid-build is
/// reattached without losing or repeating a log line, and a re-run after the client was killed adopts the build it left.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class RemoteOhosReattachTests : IAsyncLifetime
{
    private const int Ticks = 40;
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly List<IDisposable> _cleanup = [];
    private RemoteTlsDaemon _daemon = null!;
    private OhosTestImage _image = null!;

    private string Volume => $"edge-build-test-reattach-{_run}";

    public async Task InitializeAsync()
    {
        _daemon = await RemoteTlsDaemon.StartAsync(CancellationToken.None);
        _image = await OhosTestImage.CreateAsync("ohos-reattach", _ => { }, CancellationToken.None);
        await _daemon.LoadImageAsync(_image.Tag);
        // A 4.1 tree with its prebuilts, whose build.sh prints numbered lines for a while: the only container is the build.
        using var seed = OhosFixtureTree.Create("4.1");
        foreach (var marker in OhosFixtureTree.Catalog.Find("4.1").PrebuiltsMarkers) seed.Write($"{marker}/.present", "");
        seed.Write(".ticks", $"{Ticks}\n");
        seed.Write("kernel/linux/config/linux-5.10/rk3568/arch/arm64_defconfig", OhosFixtureTree.KernelConfig);
        using var remote = DockerEngine.Connect(_daemon.Endpoint);
        await using var files = new VolumeFiles(remote, Volume, _image.Tag);
        await files.UploadDirectoryAsync(seed.Root, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var d in _cleanup) d.Dispose();
        await _image.DisposeAsync();
        await _daemon.DisposeAsync();
    }

    private AbsolutePath Scratch()
    {
        var directory = new TempDirectory();
        _cleanup.Add(directory);
        return AbsolutePath.Create(directory.Path);
    }

    private OhosBuildRequest Request() => new()
    {
        Tree = new OhosTree(Scratch(), OhosFixtureTree.Catalog.Find("4.1")) { Volume = Volume },
        Layout = OhosFixtureTree.Catalog.Common, Product = "rk3568", Image = _image.Tag, LogDirectory = Scratch(),
        LocalImagesDirectory = Scratch(), CcacheVolume = $"edge-build-test-ccache-{_run}", NamePrefix = $"edge-build-test-{_run}",
        Labels = new Dictionary<string, string> { ["edge-build-test"] = _run },
    };

    private static string[] TickLines(AbsolutePath logFile) => [.. File.ReadAllLines(logFile).Where(l => l.StartsWith("tick ", StringComparison.Ordinal))];

    private static async Task WaitForTickAsync(AbsolutePath logFile, int tick)
    {
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(logFile) && File.ReadAllText(logFile).Contains($"tick {tick}\n")))
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(120), $"the build did not print tick {tick}");
            await Task.Delay(100);
        }
    }

    private async Task<OhosBuildOutput> BuildAsync(DockerClient client, OhosBuildRequest request)
    {
        var output = (await new OhosBuilder(new ContainerRunner(client)).BuildAsync(request, CancellationToken.None))!;
        await output.FromVolume!.Files.DisposeAsync();
        return output;
    }

    // Counts the build containers created on the volume until the returned function is called.
    private static Func<Task<int>> CountCreated(DockerClient client, string volume)
    {
        var created = 0;
        var watching = new CancellationTokenSource();
        var watcher = client.System.MonitorEventsAsync(new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["event"] = new Dictionary<string, bool> { ["create"] = true }, ["label"] = new Dictionary<string, bool> { [$"{OhosBuilder.VolumeLabel}={volume}"] = true },
            },
        }, new Progress<Message>(_ => Interlocked.Increment(ref created)), watching.Token);
        return async () =>
        {
            await Task.Delay(500);
            await watching.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(watcher);
            watching.Dispose();
            return created;
        };
    }

    [Fact(Timeout = 300000)]
    public async Task A_connection_cut_mid_build_is_reattached_with_the_whole_log_once_one_container_and_no_orphan()
    {
        using var proxy = new CuttableTcpProxy(_daemon.Port);
        using var direct = DockerEngine.Connect(_daemon.Endpoint);
        using var throughProxy = DockerEngine.Connect(_daemon.Endpoint with { Address = new Uri($"tcp://127.0.0.1:{proxy.Port}") });
        var created = CountCreated(direct, Volume);
        var request = Request();
        var logFile = request.LogDirectory / "openharmony-build.log";

        var build = BuildAsync(throughProxy, request);
        await WaitForTickAsync(logFile, 5);
        proxy.Cut();
        var cutAt = TickLines(logFile).Length;
        await Task.Delay(TimeSpan.FromSeconds(3));
        proxy.Resume();
        var output = await build;
        var containers = await created();

        cutAt.ShouldBeLessThan(Ticks - 10, "the cut came too late to be mid-build");
        TickLines(output.LogFile).ShouldBe(Enumerable.Range(1, Ticks).Select(i => $"tick {i}"));
        File.ReadAllText(output.LogFile).ShouldContain("build succeeded");
        proxy.Accepted.ShouldBeGreaterThan(1);
        containers.ShouldBe(1);
        (await OhosTestImage.ContainersWithLabelAsync(direct, ContainerRunner.Label, "1")).ShouldBeEmpty();
    }

    [Fact(Timeout = 300000)]
    public async Task Ctrl_C_removes_the_remote_build_container_and_while_the_connection_is_cut_leaves_it_to_the_next_run()
    {
        using var proxy = new CuttableTcpProxy(_daemon.Port);
        using var direct = DockerEngine.Connect(_daemon.Endpoint);
        using var throughProxy = DockerEngine.Connect(_daemon.Endpoint with { Address = new Uri($"tcp://127.0.0.1:{proxy.Port}") });
        var first = Request();
        using var cancel = new CancellationTokenSource();
        var build = new OhosBuilder(new ContainerRunner(direct)).BuildAsync(first, cancel.Token);
        await WaitForTickAsync(first.LogDirectory / "openharmony-build.log", 3);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(build);
        var afterCancel = await OhosTestImage.ContainersWithLabelAsync(direct, OhosBuilder.VolumeLabel, Volume);

        var second = Request();
        using var cancelWhileCut = new CancellationTokenSource();
        var cutBuild = new OhosBuilder(new ContainerRunner(throughProxy)).BuildAsync(second, cancelWhileCut.Token);
        await WaitForTickAsync(second.LogDirectory / "openharmony-build.log", 3);
        proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await cancelWhileCut.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(cutBuild);
        var leftWhileCut = await OhosTestImage.ContainersWithLabelAsync(direct, OhosBuilder.VolumeLabel, Volume);
        var rerun = await BuildAsync(direct, Request());

        afterCancel.ShouldBeEmpty();
        leftWhileCut.ShouldHaveSingleItem().State.ShouldBe("running");
        TickLines(rerun.LogFile).ShouldBe(Enumerable.Range(1, Ticks).Select(i => $"tick {i}"));
        (await OhosTestImage.ContainersWithLabelAsync(direct, ContainerRunner.Label, "1")).ShouldBeEmpty();
    }

    [Fact(Timeout = 300000)]
    public async Task A_rerun_after_the_client_was_killed_mid_build_adopts_the_running_build_with_its_whole_log_and_leaves_no_orphan()
    {
        using var direct = DockerEngine.Connect(_daemon.Endpoint);
        var created = CountCreated(direct, Volume);
        var artifacts = Scratch();
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "build.sh"))
        {
            WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList = { "BuildOpenHarmony", "--skip", "SyncOpenHarmony", "--ohos-workspace", $"volume:{Volume}", "--ohos-version", "4.1",
                "--builder-image", _image.Tag, "--ohos-ccache-volume", $"edge-build-test-ccache-{_run}", "--artifacts", artifacts },
        };
        foreach (var (name, value) in _daemon.Environment) start.Environment[name] = value;
        string killed;
        using (var process = Process.Start(start)!)
        {
            var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            var clock = Stopwatch.StartNew();
            var log = artifacts / "rk3568" / "logs" / "openharmony-build.log";
            while (!(File.Exists(log) && File.ReadAllText(log).Contains("tick 3\n")))
            {
                if (process.HasExited) throw new ShouldAssertException($"The run to kill ended by itself: {string.Concat(await output)}");
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(180), "the killed run's build did not start");
                await Task.Delay(200);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            killed = string.Concat(await output);
        }
        var orphans = await OhosTestImage.ContainersWithLabelAsync(direct, OhosBuilder.VolumeLabel, Volume);
        orphans.ShouldHaveSingleItem(killed).State.ShouldBe("running");

        var rerun = await BuildAsync(direct, Request());

        (await created()).ShouldBe(1);
        TickLines(rerun.LogFile).ShouldBe(Enumerable.Range(1, Ticks).Select(i => $"tick {i}"));
        File.ReadAllText(rerun.LogFile).ShouldContain("build succeeded");
        (await OhosTestImage.ContainersWithLabelAsync(direct, ContainerRunner.Label, "1")).ShouldBeEmpty();
    }
}
