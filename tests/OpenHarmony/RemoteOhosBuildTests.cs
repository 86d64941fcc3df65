using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Containers;
using EdgeBuild.Engine;
using EdgeBuild.Kernel;
using EdgeBuild.OpenHarmony;
using EdgeBuild.Tests.Containers.Remote;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>
/// PatchOpenHarmony, BuildOpenHarmony and image collection against a second dockerd over TLS whose mount namespace hides
/// this machine's paths: the tree lives in a named volume, and the results match the same steps on a local tree.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class RemoteOhosBuildTests : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly List<IDisposable> _cleanup = [];
    private RemoteTlsDaemon _daemon = null!;
    private OhosTestImage _image = null!;

    private static IReadOnlyList<ITreePatch> Patches()
    {
        var root = RepositoryRoot.Absolute;
        return
        [
            BuildImageRootDirs.Load(root / "patches" / "openharmony" / "build-image-root-dirs.json"),
            SelinuxFileContexts.Load(root / "patches" / "openharmony" / "selinux-file-contexts.json"),
            new KernelFragmentPatch(OhosKernelFragment.FromTargets(root / "targets"), root / "patches" / "kernel" / "docker-kubeedge.config", []),
        ];
    }

    public async Task InitializeAsync()
    {
        _daemon = await RemoteTlsDaemon.StartAsync(CancellationToken.None);
        _image = await OhosTestImage.CreateAsync("ohos-remote", OhosSyncTests.AddStandInRepo, CancellationToken.None);
        // The image goes to the test's engine the way a user would move one: docker save | docker -H remote load.
        await _daemon.LoadImageAsync(_image.Tag);
    }

    public async Task DisposeAsync()
    {
        using (var client = DockerEngine.Connect())
            try { await client.Volumes.RemoveAsync($"edge-build-test-ccache-{_run}", force: true); } catch (DockerApiException) { }
        foreach (var d in _cleanup) d.Dispose();
        await _image.DisposeAsync();
        await _daemon.DisposeAsync();
    }

    private AbsolutePath TempDirectory(string prefix)
    {
        var path = AbsolutePath.Create(Directory.CreateTempSubdirectory(prefix).FullName);
        _cleanup.Add(new Remover(path));
        return path;
    }

    private OhosBuildRequest Request(OhosTree tree, string ccache) => new()
    {
        Tree = tree, Layout = OhosFixtureTree.Catalog.Common, Product = "rk3568", Image = _image.Tag, LogDirectory = TempDirectory("ohos-logs-"),
        LocalImagesDirectory = TempDirectory("ohos-images-"), CcacheVolume = ccache, NamePrefix = $"edge-build-test-{_run}",
        Labels = new Dictionary<string, string> { ["edge-build-test"] = _run },
    };

    private static async Task<IReadOnlyList<CollectedImage>> BuildAndCollectAsync(DockerClient client, OhosBuildRequest request)
    {
        var collect = new CollectImages(request.LocalImagesDirectory!);
        var output = (await new OhosBuilder(new ContainerRunner(client)).BuildAsync(request, CancellationToken.None))!;
        try { await collect.RunAsync(output, CancellationToken.None); }
        finally { if (output.FromVolume is { } volume) await volume.Files.DisposeAsync(); }
        return collect.Collected;
    }

    [Fact(Timeout = 300000)]
    public async Task A_tree_in_a_volume_on_a_tls_engine_is_patched_built_and_collected_like_a_local_one_with_only_volumes_mounted()
    {
        using var local = OhosFixtureTree.Create("4.1");
        using var seed = OhosFixtureTree.Create("4.1");
        // 4.1's kernel config layer, so the kernel fragment patch has its target in both trees.
        foreach (var tree in new[] { local, seed }) tree.Write("kernel/linux/config/linux-5.10/rk3568/arch/arm64_defconfig", OhosFixtureTree.KernelConfig);
        var catalog = OhosFixtureTree.Catalog;
        var volume = $"edge-build-test-ohos-{_run}";
        using var remote = DockerEngine.Connect(_daemon.Endpoint);
        var runner = new ContainerRunner(remote);
        var mounts = new List<MountPoint>();
        using var watching = new CancellationTokenSource();
        var watcher = remote.System.MonitorEventsAsync(new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["event"] = new Dictionary<string, bool> { ["start"] = true } },
        }, new Progress<Message>(m =>
        {
            try { var inspected = remote.Containers.InspectContainerAsync(m.Actor.ID).GetAwaiter().GetResult(); lock (mounts) mounts.AddRange(inspected.Mounts); }
            catch (DockerApiException) { }
        }), watching.Token);

        // Local reference: the same patches and build on this machine's engine.
        var localTree = new OhosTree(local.Root, catalog.Resolve(null, local.Root));
        var localChanges = OhosTreePatcher.Apply(localTree, Patches(), dryRun: false, EdgeBuild.Reporting.BuildReport.Silent);
        using var client = DockerEngine.Connect();
        var localImages = await BuildAndCollectAsync(client, Request(localTree, $"edge-build-test-ccache-{_run}"));

        await using (var seeding = new VolumeFiles(remote, volume, _image.Tag)) await seeding.UploadDirectoryAsync(seed.Root, CancellationToken.None);
        IReadOnlyList<FileChange> dryRun, first, second;
        OhosVersionInfo version;
        await using (var files = new VolumeFiles(remote, volume, _image.Tag))
        {
            var tree = new OhosVolumeTree(files, runner);
            version = await tree.ResolveVersionAsync(catalog, null, CancellationToken.None);
            var paths = OhosVolumeTree.PatchedPaths(version, OhosKernelFragment.FromTargets(RepositoryRoot.Absolute / "targets").LayoutFor(version.Version, version.KernelFor([])));
            dryRun = await tree.PatchAsync(version, Patches(), paths, dryRun: true, CancellationToken.None);
            first = await tree.PatchAsync(version, Patches(), paths, dryRun: false, CancellationToken.None);
            second = await tree.PatchAsync(version, Patches(), paths, dryRun: false, CancellationToken.None);
        }
        // What a crashed earlier run left: a build container on the same volume, still running.
        var orphan = await remote.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = _image.Tag, Cmd = ["sleep", "600"], Labels = new Dictionary<string, string> { [OhosBuilder.VolumeLabel] = volume, ["edge-build"] = "1" },
            HostConfig = new HostConfig { Binds = [$"{volume}:/src"] },
        });
        await remote.Containers.StartContainerAsync(orphan.ID, new ContainerStartParameters());
        var remoteImages = await BuildAndCollectAsync(remote, Request(new OhosTree(seed.Root, version) { Volume = volume }, "edge-build-test-ccache"));
        watching.Cancel();
        await Should.ThrowAsync<OperationCanceledException>(watcher);

        version.Version.ShouldBe(localTree.Version.Version);
        first.Select(c => (c.Patch, c.File, c.Sha256Before, c.Sha256After)).ShouldBe(localChanges.Select(c => (c.Patch, c.File, c.Sha256Before, c.Sha256After)));
        dryRun.Select(c => c.Sha256After).ShouldBe(first.Select(c => c.Sha256After));
        dryRun.Where(c => c.Patch != "kernel-fragment").ShouldAllBe(c => c.Changed && c.Diff != null);
        second.ShouldAllBe(c => !c.Changed);
        remoteImages.Select(i => (i.Path.Name, i.Sha256, i.Size)).ShouldBe(localImages.Select(i => (i.Path.Name, i.Sha256, i.Size)));
        remoteImages.ShouldAllBe(i => FileHash.Sha256(i.Path) == i.Sha256);
        seed.Read("build/ohos/images/build_image.py").ShouldNotContain("'run'");
        (await remote.Containers.ListContainersAsync(new ContainersListParameters { All = true })).ShouldNotContain(c => c.ID == orphan.ID);
        mounts.ShouldNotBeEmpty();
        mounts.ShouldAllBe(m => m.Type == "volume");
        (await OhosTestImage.ContainersWithLabelAsync(remote, "edge-build", "1")).ShouldBeEmpty();
    }

    [Fact(Timeout = 300000)]
    public async Task A_sync_into_a_volume_on_a_tls_engine_runs_each_step_once_and_is_up_to_date_the_second_time()
    {
        var volume = $"edge-build-test-sync-{_run}";
        using var remote = DockerEngine.Connect(_daemon.Endpoint);
        var runner = new ContainerRunner(remote);
        var catalog = OhosFixtureTree.Catalog;
        var request = new OhosSyncRequest
        {
            Workspace = TempDirectory("ohos-unused-"), Volume = volume, Version = catalog.Find("4.1"), Layout = catalog.Common, Image = _image.Tag,
            Jobs = 2, RequiredFreeBytes = 1 << 20, LogDirectory = TempDirectory("ohos-logs-"), NamePrefix = $"edge-build-test-{_run}",
        };

        // What a crashed earlier sync left on the volume, doing other work: it goes before the first step.
        var orphan = await remote.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = _image.Tag, Cmd = ["sleep", "600"], Labels = new Dictionary<string, string> { [OhosBuilder.VolumeLabel] = volume, ["edge-build"] = "1" },
            HostConfig = new HostConfig { Binds = [$"{volume}:/src"] },
        });
        await remote.Containers.StartContainerAsync(orphan.ID, new ContainerStartParameters());

        var first = await new OhosSync(runner).SyncAsync(request, CancellationToken.None);
        var second = await new OhosSync(runner).SyncAsync(request, CancellationToken.None);
        var tooBig = await Should.ThrowAsync<BuildException>(new OhosSync(runner).SyncAsync(request with { Volume = volume + "-big", RequiredFreeBytes = long.MaxValue / 2 }, CancellationToken.None));

        first.ShouldBe(new OhosSyncResult(OhosSyncOutcome.Synced, 3));
        second.Outcome.ShouldBe(OhosSyncOutcome.UpToDate);
        tooBig.Message.ShouldContain("Not enough disk on the engine's host");
        await using var files = new VolumeFiles(remote, volume, _image.Tag);
        var calls = await files.RunAsync(runner, ["cat", ".repo/calls.log"], CancellationToken.None);
        calls.ShouldBe([
            "init -u https://gitee.com/openharmony/manifest.git -b refs/tags/OpenHarmony-v4.1-Release -m default.xml --no-repo-verify",
            "sync -c --jobs=2", "cloned build", "cloned base/startup/init", "cloned kernel/linux/linux-5.10", "forall -c git lfs pull", "prebuilts"]);
        Directory.GetFileSystemEntries(request.Workspace).ShouldBeEmpty();
        (await remote.Containers.ListContainersAsync(new ContainersListParameters { All = true })).ShouldNotContain(c => c.ID == orphan.ID);
    }

    private sealed class Remover(string path) : IDisposable
    {
        public void Dispose() { try { Directory.Delete(path, recursive: true); } catch (IOException) { } }
    }
}
