using EdgeBuild.Containers;
using EdgeBuild.Kernel;
using EdgeBuild.OpenHarmony;
using EdgeBuild.Tests.Containers.Remote;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>
/// The OpenHarmony half over ssh:// (a loopback sshd, `docker system dial-stdio` on its side): a tree in a volume is
/// patched through the archive API, built and its images copied back, as over TLS.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class SshOhosBuildTests : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private LoopbackSshd _sshd = null!;
    private OhosTestImage _image = null!;
    private readonly TempDirectory _logs = new(), _images = new();

    public async Task InitializeAsync()
    {
        _sshd = await LoopbackSshd.StartAsync(CancellationToken.None);
        _image = await OhosTestImage.CreateAsync("ohos-ssh", _ => { }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        using (var client = DockerEngine.Connect())
            foreach (var volume in new[] { $"edge-build-test-ssh-{_run}", $"edge-build-test-ccache-{_run}" })
                try { await client.Volumes.RemoveAsync(volume, force: true); } catch (Docker.DotNet.DockerApiException) { }
        _logs.Dispose();
        _images.Dispose();
        await _image.DisposeAsync();
        await _sshd.DisposeAsync();
    }

    [Fact(Timeout = 300000)]
    public async Task A_tree_in_a_volume_on_an_ssh_engine_is_patched_built_and_its_images_come_back()
    {
        var endpoint = new DockerEndpointResolver(n => n == "DOCKER_HOST" ? _sshd.Host : null).Resolve() with { SshOptions = _sshd.ClientOptions };
        using var seed = OhosFixtureTree.Create("4.1");
        seed.Write("kernel/linux/config/linux-5.10/rk3568/arch/arm64_defconfig", OhosFixtureTree.KernelConfig);
        var volume = $"edge-build-test-ssh-{_run}";
        var root = RepositoryRoot.Absolute;
        IReadOnlyList<ITreePatch> patches =
        [
            BuildImageRootDirs.Load(root / "patches" / "openharmony" / "build-image-root-dirs.json"),
            SelinuxFileContexts.Load(root / "patches" / "openharmony" / "selinux-file-contexts.json"),
            new KernelFragmentPatch(OhosKernelFragment.FromTargets(root / "targets"), root / "patches" / "kernel" / "docker-kubeedge.config", []),
        ];
        using var client = DockerEngine.Connect(endpoint);
        var runner = new ContainerRunner(client);

        await using (var seeding = new VolumeFiles(client, volume, _image.Tag)) await seeding.UploadDirectoryAsync(seed.Root, CancellationToken.None);
        IReadOnlyList<FileChange> changes;
        OhosVersionInfo version;
        await using (var files = new VolumeFiles(client, volume, _image.Tag))
        {
            var tree = new OhosVolumeTree(files, runner);
            version = await tree.ResolveVersionAsync(OhosFixtureTree.Catalog, null, CancellationToken.None);
            changes = await tree.PatchAsync(version, patches, OhosVolumeTree.PatchedPaths(version,
                OhosKernelFragment.FromTargets(root / "targets").LayoutFor(version.Version, version.KernelFor([]))), dryRun: false, CancellationToken.None);
        }
        var request = new OhosBuildRequest
        {
            Tree = new OhosTree(seed.Root, version) { Volume = volume }, Layout = OhosFixtureTree.Catalog.Common, Product = "rk3568", Image = _image.Tag,
            LogDirectory = AbsolutePath.Create(_logs.Path), LocalImagesDirectory = AbsolutePath.Create(_images.Path), CcacheVolume = $"edge-build-test-ccache-{_run}",
            NamePrefix = $"edge-build-test-{_run}",
        };
        var collect = new CollectImages(request.LocalImagesDirectory);
        var output = (await new OhosBuilder(runner).BuildAsync(request, CancellationToken.None))!;
        try { await collect.RunAsync(output, CancellationToken.None); }
        finally { await output.FromVolume!.Files.DisposeAsync(); }

        changes.Where(c => c.Patch != "kernel-fragment").ShouldAllBe(c => c.Changed);
        version.RequiredImages.ShouldBeSubsetOf(collect.Collected.Select(i => i.Path.Name));
        collect.Collected.ShouldAllBe(i => FileHash.Sha256(i.Path) == i.Sha256);
        seed.Read("build/ohos/images/build_image.py").ShouldNotContain("'run'");
        (await OhosTestImage.ContainersWithLabelAsync(client, ContainerRunner.Label, "1")).ShouldNotContain(c => c.Names.Any(n => n.Contains(_run)));
    }
}
