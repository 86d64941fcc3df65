using EdgeBuild.Tests.Support;
using Docker.DotNet.Models;
using System.Diagnostics;
using Docker.DotNet;
using EdgeBuild.Containers;
using EdgeBuild.Engine;
using EdgeBuild.OpenHarmony;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>BuildOpenHarmony's container orchestration against the real engine, with a fixture tree whose build scripts write the image set.</summary>
[Trait("Tier", "Integration")]
public sealed class OhosBuilderTests : IAsyncLifetime
{
    private const string TestLabel = "edge-build-test";
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly List<IDisposable> _cleanup = [];
    private OhosTestImage _image = null!;
    private DockerClient _client = null!;

    public async Task InitializeAsync()
    {
        _image = await OhosTestImage.CreateAsync("ohos-builder", _ => { }, CancellationToken.None);
        _client = DockerEngine.Connect();
    }

    public async Task DisposeAsync()
    {
        try { await _client.Volumes.RemoveAsync(Volume, force: true); } catch (DockerApiException) { }
        _client.Dispose();
        await _image.DisposeAsync();
        foreach (var d in _cleanup) d.Dispose();
    }

    private string Volume => $"edge-build-test-ccache-{_run}";

    private (OhosFixtureTree Fixture, OhosBuildRequest Request, AbsolutePath Logs) Arrange(string version)
    {
        var fixture = OhosFixtureTree.Create(version);
        _cleanup.Add(fixture);
        var logs = AbsolutePath.Create(Directory.CreateTempSubdirectory("ohos-logs-").FullName);
        _cleanup.Add(new DirectoryRemover(logs));
        var catalog = OhosFixtureTree.Catalog;
        var request = new OhosBuildRequest
        {
            Tree = new OhosTree(fixture.Root, catalog.Resolve(null, fixture.Root)),
            Layout = catalog.Common,
            Product = "rk3568",
            Image = _image.Tag,
            GnArgs = ["enable_docker=true"],
            ExtraArgs = ["--fast-rebuild"],
            LogDirectory = logs,
            CcacheVolume = Volume,
            NamePrefix = $"edge-build-test-{_run}",
            Labels = new Dictionary<string, string> { [TestLabel] = _run },
        };
        return (fixture, request, logs);
    }

    [Theory(Timeout = 300000)]
    [InlineData("3.1", "")]
    [InlineData("3.2", "")]
    [InlineData("6.1", "--no-prebuilt-sdk ")]
    public async Task A_build_runs_prebuilts_then_build_sh_and_collects_the_versions_image_set(string version, string versionArgs)
    {
        var (fixture, request, logs) = Arrange(version);
        var images = AbsolutePath.Create(Directory.CreateTempSubdirectory("ohos-images-").FullName);
        _cleanup.Add(new DirectoryRemover(images));
        var collect = new CollectImages(images);

        var output = (await new OhosBuilder(new ContainerRunner(_client)).BuildAsync(request, CancellationToken.None))!;
        await collect.RunAsync(output, CancellationToken.None);

        fixture.Read(".build-args").Trim().ShouldBe($"--product-name rk3568 --ccache {versionArgs}--gn-args enable_docker=true --fast-rebuild");
        fixture.Read(".build-env").Trim().ShouldBe("CCACHE_DIR=/home/ccache/.ccache");
        fixture.Read(".prebuilts-runs").Trim().ShouldBe("run");
        var imageSet = OhosFixtureTree.ImageSets[OhosFixtureTree.Shape(version)];
        collect.Collected.Select(c => c.Path.Name).ShouldBe(imageSet);
        Directory.GetFiles(images).Length.ShouldBe(imageSet.Length);
        var boot = await File.ReadAllBytesAsync(images / "boot_linux.img");
        boot.AsSpan().IndexOf((byte[])[.. "IKCFG_ST"u8, 0x1f, 0x8b]).ShouldBeGreaterThan(0, "boot_linux.img embeds a gzip'd config after IKCFG_ST");
        File.ReadAllText(logs / "openharmony-build.log").ShouldContain("build succeeded");
        (await _client.Volumes.InspectAsync(Volume)).Name.ShouldBe(Volume);
        (await OhosTestImage.ContainersWithLabelAsync(_client, TestLabel, _run)).ShouldBeEmpty();
    }

    [Fact(Timeout = 300000)]
    public async Task A_version_needing_packages_builds_in_the_image_derived_from_its_official_one()
    {
        // Arrange: the recipe the build uses for 6.1 (its packages), with an install line the busybox base can run.
        var (fixture, request, _) = Arrange("6.1");
        var recipe = new DerivedImage
        {
            Base = _image.Tag, Packages = request.Tree.Version.BuilderPackages, Repository = $"edge-build-test/derived-{_run}",
            InstallCommand = "echo {packages} > /etc/derived-packages",
        };
        fixture.Write("build-real.sh", fixture.Read("build.sh"), executable: true);
        fixture.Write("build.sh", "#!/bin/sh\ncat /etc/derived-packages > .build-image-packages\nexec ./build-real.sh \"$@\"\n", executable: true);
        try
        {
            // Act
            await new OhosBuilder(new ContainerRunner(_client)).BuildAsync(request with { Image = recipe.Tag, Derived = recipe }, CancellationToken.None);

            // Assert
            fixture.Read(".build-image-packages").Trim().ShouldBe("autoconf automake libtool cmake");
        }
        finally
        {
            try { await _client.Images.DeleteImageAsync(recipe.Tag, new ImageDeleteParameters { Force = true }); } catch (DockerApiException) { }
        }
    }

    [Fact(Timeout = 300000)]
    public async Task Prebuilts_download_is_skipped_when_the_prebuilts_are_present()
    {
        var (fixture, request, _) = Arrange("3.1");
        var builder = new OhosBuilder(new ContainerRunner(_client));

        await builder.BuildAsync(request, CancellationToken.None);
        await builder.BuildAsync(request, CancellationToken.None);

        fixture.Read(".prebuilts-runs").Trim().ShouldBe("run");
    }

    [Fact(Timeout = 300000)]
    public async Task A_failing_build_fails_with_the_last_lines_of_its_log_and_leaves_no_container()
    {
        var (fixture, request, logs) = Arrange("3.1");
        fixture.Write(".fail", "");

        var error = await Should.ThrowAsync<BuildException>(() => new OhosBuilder(new ContainerRunner(_client)).BuildAsync(request, CancellationToken.None));

        error.Message.ShouldContain("exited with code 3");
        error.Message.ShouldContain("ninja: build stopped: subcommand failed.");
        error.Message.ShouldContain(logs / "openharmony-build.log");
        (await OhosTestImage.ContainersWithLabelAsync(_client, TestLabel, _run)).ShouldBeEmpty();
    }

    [Fact(Timeout = 300000)]
    public async Task Cancelling_a_build_removes_its_container()
    {
        var (fixture, request, _) = Arrange("3.1");
        fixture.Write(".hang", "");
        using var cts = new CancellationTokenSource();

        var build = new OhosBuilder(new ContainerRunner(_client)).BuildAsync(request, cts.Token);
        await WaitUntilAsync(() => File.Exists(fixture.Root / ".build-args"), TimeSpan.FromSeconds(120));
        (await OhosTestImage.ContainersWithLabelAsync(_client, TestLabel, _run)).Count.ShouldBe(1);
        cts.Cancel();

        await Should.ThrowAsync<OperationCanceledException>(() => build);
        (await OhosTestImage.ContainersWithLabelAsync(_client, TestLabel, _run)).ShouldBeEmpty();
        Directory.Exists(fixture.Root / "out").ShouldBeFalse();
    }

    [Fact(Timeout = 300000)]
    public async Task SIGTERM_to_build_sh_stops_the_build_removes_its_container_and_exits_130()
    {
        var (fixture, _, _) = Arrange("3.1");
        fixture.Write(".hang", "");
        using var artifacts = new TempDirectory();
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "build.sh"))
        {
            WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList = { "BuildOpenHarmony", "--ohos-source", fixture.Root, "--builder-image", _image.Tag,
                "--ohos-ccache-volume", Volume, "--artifacts", artifacts.Path },
        };
        using var process = Process.Start(start)!;
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());

        await WaitUntilAsync(() => File.Exists(fixture.Root / ".build-args"), TimeSpan.FromSeconds(120));
        (await ContainersOfImageAsync()).Count.ShouldBe(1);
        EdgeBuild.Tooling.Signals.Send(process.Id, EdgeBuild.Tooling.Signals.Term).ShouldBeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var text = string.Concat(await output);

        process.ExitCode.ShouldBe(BuildExecutor.Cancelled, text);
        text.ShouldMatch(@"BuildOpenHarmony\s+Aborted");
        (await ContainersOfImageAsync()).ShouldBeEmpty();
    }

    private async Task<IList<ContainerListResponse>> ContainersOfImageAsync() =>
        await _client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["ancestor"] = new Dictionary<string, bool> { [_image.Tag] = true } },
        });

    [Fact(Timeout = 300000)]
    public async Task Outputs_of_the_root_container_are_handed_back_to_the_owner_of_the_tree()
    {
        (await ProcessRunner.OutputOfAsync("id", ["-u"])).ShouldBe("0", "this test gives its fixture tree to another user: run the tests as root (CI does)");
        var (fixture, request, _) = Arrange("3.2");
        await ProcessRunner.RunAsync("chown", ["-R", "4242:4343", fixture.Root]);

        var output = (await new OhosBuilder(new ContainerRunner(_client)).BuildAsync(request, CancellationToken.None))!;

        foreach (var file in new[] { output.BootImage.ToString(), fixture.Root / ".build-args", fixture.Root / "prebuilts/build-tools/linux-x86/bin/gn", fixture.Root / "out" })
            (await ProcessRunner.OutputOfAsync("stat", ["-c", "%u:%g", file])).ShouldBe("4242:4343", file);
    }

    [Fact(Timeout = 60000)]
    public async Task A_directory_without_build_sh_fails_saying_how_to_sync_one()
    {
        var (fixture, request, _) = Arrange("3.1");
        File.Delete(fixture.Root / "build.sh");

        var error = await Should.ThrowAsync<BuildException>(() => new OhosBuilder(new ContainerRunner(_client)).BuildAsync(request, CancellationToken.None));

        error.Message.ShouldContain("not an OpenHarmony source tree");
        error.Message.ShouldContain("repo init -u https://gitee.com/openharmony/manifest.git -b refs/tags/OpenHarmony-v3.1-Release");
    }

    [Fact(Timeout = 300000)]
    public async Task BuildOpenHarmony_patches_the_given_tree_builds_it_and_collects_the_images_into_artifacts()
    {
        var (fixture, _, _) = Arrange("3.2");
        using var engine = new EngineRun();
        var artifacts = engine.Root / "artifacts";

        var (exitCode, output, build) = engine.Run("BuildOpenHarmony", "--ohos-source", fixture.Root, "--builder-image", _image.Tag,
            "--ohos-ccache-volume", Volume, "--artifacts", artifacts);

        exitCode.ShouldBe(0, output);
        EngineRun.StatusOf(build, "SyncOpenHarmony").ShouldBe(TargetStatus.Skipped);
        Directory.GetFiles(artifacts / "rk3568" / "images").Select(Path.GetFileName).Order().ShouldBe(OhosFixtureTree.ImageSets["3.2"].Order());
        File.ReadAllText(artifacts / "rk3568" / "openharmony" / "tree-changes.json").ShouldContain("\"file\": \"build/ohos/images/build_image.py\"");
        build.Results.Find<OhosTreePatched>("PatchOpenHarmony")!.Changes.Select(c => c.Patch).ShouldBe(["build-image-root-dirs", "selinux-file-contexts", "kernel-fragment"]);
        File.ReadAllText(artifacts / "rk3568" / "openharmony" / "kernel-config-report.json").ShouldContain("\"missingNecessary\": []");
        var manifest = new EdgeBuild.Manifests.ArtifactManifest(artifacts / "rk3568").Read();
        var boot = manifest.Single(e => e.Path == "images/boot_linux.img");
        (boot.Component, boot.Version, boot.Target).ShouldBe(("openharmony", "3.2", "BuildOpenHarmony"));
        boot.Changes.ShouldContain(c => c.StartsWith("kernel-fragment: "));
        build.Results.Find<OhosImagesBuilt>("BuildOpenHarmony")!.Images.Select(i => i.Path.Name).ShouldBe(OhosFixtureTree.ImageSets["3.2"]);
        fixture.Read("build/ohos/images/build_image.py").ShouldContain("'run', 'var', 'opt', 'usr'");
        File.ReadAllText(artifacts / "rk3568" / "logs" / "openharmony-build.log").ShouldContain("build succeeded");
        await Task.CompletedTask;
    }

    [Fact(Timeout = 300000)]
    public async Task BuildOpenHarmony_fails_when_the_built_kernel_lacks_a_necessary_option()
    {
        var (fixture, _, _) = Arrange("3.2");
        using var engine = new EngineRun();

        var (exitCode, output, _) = engine.Run("BuildOpenHarmony", "--skip", "PatchOpenHarmony", "--ohos-source", fixture.Root,
            "--builder-image", _image.Tag, "--ohos-ccache-volume", Volume, "--artifacts", engine.Root / "artifacts");

        exitCode.ShouldBe(1, output);
        output.ShouldContain("- CONFIG_VETH: enabled");
        output.ShouldMatch(@"necessary kernel option\(s\) missing in .*boot_linux.img: .*CONFIG_BRIDGE");
        await Task.CompletedTask;
    }

    [Fact(Timeout = 60000)]
    public async Task A_dry_run_starts_no_container_and_writes_nothing()
    {
        var (fixture, request, logs) = Arrange("3.1");
        var before = fixture.Snapshot();

        var output = await new OhosBuilder(new ContainerRunner(_client)).BuildAsync(request with { DryRun = true }, CancellationToken.None);

        output.ShouldBeNull();
        fixture.Snapshot().ShouldBe(before);
        Directory.GetFiles(logs).ShouldBeEmpty();
        (await OhosTestImage.ContainersWithLabelAsync(_client, TestLabel, _run)).ShouldBeEmpty();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "timed out waiting for the container to start its work");
            await Task.Delay(200);
        }
    }

    private sealed class DirectoryRemover(string path) : IDisposable
    {
        public void Dispose() { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
    }
}
