using EdgeBuild.Tests.Support;
using Docker.DotNet.Models;
using EdgeBuild.Containers;
using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>
/// The golang-container path on the real Docker engine with a locally imported image holding the host's Go: bind
/// mounts, environment, output copied out, and the container removed on success, failure and cancellation.
/// </summary>
[Trait("Tier", "Integration")]
public class ContainerGoBuildTests
{
    // The edgecore request as the Edgecore target makes it, without cgo: the image has no cross gcc.
    private static async Task<GoBuildRequest> PureGoRequestAsync(TempDirectory dir, string version)
    {
        var tree = new KubeEdgeSourceTree(KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.Rc95, EdgedForm.EdgedConstants), Repository.Catalog.Resolve(version));
        var hostGo = await GoToolchainProbe.HostVersionAsync(CancellationToken.None) ?? throw new InvalidOperationException("This test needs 'go': apt-get install golang-go.");
        var request = GoBuildRequest.ForEdgecore(tree, Repository.Arm64, hostGo, "", dir["out"], DateTimeOffset.UnixEpoch, dir["logs/build.log"]);
        return request with { Environment = new Dictionary<string, string>(request.Environment) { ["CGO_ENABLED"] = "0" } };
    }

    [Fact(Timeout = 600000)]
    public async Task A_pure_Go_build_in_the_container_writes_a_stamped_arm64_binary_and_removes_the_container()
    {
        var image = await HostGoImage.EnsureAsync();
        using var dir = new TempDirectory();
        var request = await PureGoRequestAsync(dir, "1.9.1");
        using var client = DockerEngine.Connect();
        var runner = new ContainerRunner(client);

        var path = await new ContainerGoBuild(runner).RunAsync(request, image, CancellationToken.None);

        path.ShouldBe(dir["out/edgecore"]);
        var facts = global::EdgeBuild.Verification.ElfInspector.Read(path);
        facts.Machine.ShouldBe("AArch64");
        facts.IsStatic.ShouldBeTrue();
        var version = await ProcessRunner.OutputOfAsync(RequiredTool.Path("qemu-aarch64-static", "qemu-user-static"), [path, "--version"]);
        version.ShouldBe("KubeEdge v1.9.1 (1.9, archive, 1970-01-01T00:00:00Z)");
        File.ReadAllText(dir["logs/build.log"]).ShouldContain("go version go");
        (await LeftoverContainers.AnyMountingAsync(dir.Path)).ShouldBeFalse();
    }

    [Fact(Timeout = 600000)]
    public async Task A_compile_error_fails_with_the_error_and_removes_the_container()
    {
        var image = await HostGoImage.EnsureAsync();
        using var dir = new TempDirectory();
        var request = await PureGoRequestAsync(dir, "1.9.1");
        File.AppendAllText(dir["src/edge/cmd/edgecore/main.go"], "\nfunc broken() { return 1 }\n");
        using var client = DockerEngine.Connect();
        var runner = new ContainerRunner(client);

        var e = await Should.ThrowAsync<BuildException>(() => new ContainerGoBuild(runner).RunAsync(request, image, CancellationToken.None));

        e.Message.ShouldContain("exited with code");
        e.Message.ShouldContain("too many return values");
        File.Exists(dir["out/edgecore"]).ShouldBeFalse();
        (await LeftoverContainers.AnyMountingAsync(dir.Path)).ShouldBeFalse();
    }

    [Fact(Timeout = 600000)]
    public async Task Cancelling_a_build_stops_and_removes_the_container()
    {
        var image = await HostGoImage.EnsureAsync();
        using var dir = new TempDirectory();
        var request = await PureGoRequestAsync(dir, "1.9.1");
        // cgo on, with a "compiler" that never returns: the build is still running when it is cancelled.
        File.WriteAllText(dir["src/slow-cc"], "#!/bin/sh\nsleep 600\n");
        File.SetUnixFileMode(dir["src/slow-cc"], UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        request = request with { Environment = new Dictionary<string, string>(request.Environment) { ["CGO_ENABLED"] = "1", ["CC"] = "/src/slow-cc" } };
        using var client = DockerEngine.Connect();
        var runner = new ContainerRunner(client);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(8));

        await Should.ThrowAsync<OperationCanceledException>(() => new ContainerGoBuild(runner).RunAsync(request, image, cts.Token));

        (await LeftoverContainers.AnyMountingAsync(dir.Path)).ShouldBeFalse();
        File.Exists(dir["out/edgecore"]).ShouldBeFalse();
    }
}
