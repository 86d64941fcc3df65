using System.Security.Cryptography;
using EdgeBuild.Tests.Fetching;
using EdgeBuild.Tests.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Mirroring;

/// <summary>Mirror from loopback "upstream", then an offline build from the mirror directory alone.</summary>
[Collection("packaging targets")]
public sealed class MirrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LoopbackServer _server = new();
    public void Dispose()
    {
        try { _server.Dispose(); } catch (ObjectDisposedException) { } // the offline test stops it early
        _dir.Dispose();
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    // Every pin served by the loopback server: the docker fixture tarball (recorded), stand-in userland tarballs (recorded), kubeedge unrecorded.
    private string LoopbackPins(string dockerTarball)
    {
        var docker = File.ReadAllBytes(dockerTarball);
        string Entry(string name, string version, string file, byte[] body, bool recorded, string arch = "") =>
            $$"""
            "{{name}}": { "version": "{{version}}", "files": [ { "fileName": "{{file}}", {{arch}} "sha256": "{{(recorded ? Sha(body) : new string('0', 64))}}",
              "hashSource": "test", "urls": ["{{_server.Add("/" + file, new Route(body))}}"], "mirrors": [] } ] }
            """;
        return _dir.Write("pins.json", "{" + string.Join(",\n", [
            Entry("docker-static", "18.09.2", "docker-18.09.2.tgz", docker, true, "\"arch\": \"arm64\","),
            Entry("busybox", "1.37.0", "busybox-1.37.0.tar.bz2", [1, 2, 3], true),
            Entry("iproute2", "6.12.0", "iproute2-6.12.0.tar.xz", [4, 5, 6], true),
            Entry("iptables", "1.8.11", "iptables-1.8.11.tar.xz", [7, 8, 9], true),
            Entry("kubeedge", "1.9.1", "kubeedge-1.9.1.tar.gz", [10, 11, 12], false)]) + "}");
    }

    private static string[] WithoutDockerTarballAndPins(string[] args) =>
        [.. args.Select((a, i) => (a, i)).Where(x => !IsDropped(args, x.i)).Select(x => x.a)];

    private static bool IsDropped(string[] args, int i) =>
        args[i] is "--docker-static-tarball" or "--pins" || (i > 0 && args[i - 1] is "--docker-static-tarball" or "--pins");

    [Fact(Timeout = 600000)]
    [Trait("Tier", "Integration")]
    public async Task An_offline_build_from_the_mirror_gives_the_same_sidecar_bytes_as_the_online_build()
    {
        // Arrange
        using var online = new TempDirectory();
        using var offline = new TempDirectory();
        var onlineArgs = WithoutDockerTarballAndPins(await SidecarTargetTests.FixtureArgumentsAsync(online));
        var offlineArgs = WithoutDockerTarballAndPins(await SidecarTargetTests.FixtureArgumentsAsync(offline));
        var pins = LoopbackPins(Path.Combine(online.Path, "docker-18.09.2.tgz"));
        var mirror = _dir["mirror"];
        string[] common = ["--pins", pins, "--locked", "false"];

        // Act
        var onlineRun = BuildRunner.Run(["Sidecar", .. onlineArgs, .. common, "--downloads-dir", _dir["downloads-online"], "--pins-lock", _dir["online.lock.json"]]);
        var mirrored = BuildRunner.Run(["Mirror", "--mirror-dir", mirror, .. common, "--downloads-dir", _dir["downloads-mirror"], "--pins-lock", _dir["mirror.lock.json"]]);
        var again = BuildRunner.Run(["Mirror", "--mirror-dir", mirror, .. common, "--downloads-dir", _dir["downloads-mirror"], "--pins-lock", _dir["mirror.lock.json"]]);
        _server.Dispose();
        var offlineRun = BuildRunner.Run(["Sidecar", .. offlineArgs, .. common, "--sources-dir", mirror, "--offline",
            "--downloads-dir", _dir["downloads-offline"], "--pins-lock", _dir["offline.lock.json"]]);

        // Assert
        onlineRun.ExitCode.ShouldBe(0, onlineRun.Output);
        mirrored.ExitCode.ShouldBe(0, mirrored.Output);
        foreach (var file in new[] { "docker-18.09.2.tgz", "busybox-1.37.0.tar.bz2", "iproute2-6.12.0.tar.xz", "iptables-1.8.11.tar.xz", "kubeedge-1.9.1.tar.gz", "pins.lock.json", "index.json" })
            File.Exists(Path.Combine(mirror, file)).ShouldBeTrue(file);
        mirrored.Output.ShouldContain("[1/");
        again.ExitCode.ShouldBe(0, again.Output);
        again.Output.ShouldContain("docker-18.09.2.tgz: already in the mirror");
        offlineRun.ExitCode.ShouldBe(0, offlineRun.Output);
        var sidecar = Path.Combine("rk3568", "sidecar-rk3568-1.2.3.tar.gz");
        File.ReadAllBytes(Path.Combine(offline["artifacts"], sidecar)).ShouldBe(File.ReadAllBytes(Path.Combine(online["artifacts"], sidecar)));
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Fast")]
    public async Task Mirror_refuses_to_overwrite_a_file_that_holds_other_bytes()
    {
        // Arrange
        await Task.Yield();
        var tarball = _dir.Write("docker-18.09.2.tgz", "not really docker");
        var pins = LoopbackPins(tarball);
        var mirror = _dir["mirror"];
        _dir.Write("mirror/busybox-1.37.0.tar.bz2", "other bytes");

        // Act
        var run = BuildRunner.Run(["Mirror", "--mirror-dir", mirror, "--pins", pins, "--locked", "false",
            "--downloads-dir", _dir["downloads"], "--pins-lock", _dir["lock.json"]]);

        // Assert
        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain($"{Path.Combine(mirror, "busybox-1.37.0.tar.bz2")} is already in the mirror with other bytes");
        File.ReadAllText(Path.Combine(mirror, "busybox-1.37.0.tar.bz2")).ShouldBe("other bytes");
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task Images_are_saved_into_the_mirror_and_loaded_again_where_the_engine_lacks_them()
    {
        // Arrange: a uniquely tagged copy of the local busybox image stands in for the golang image
        var image = $"edge-build-mirror-test:{Guid.NewGuid():N}";
        (await Packaging.Processes.RunAsync("docker", ["tag", await BusyboxImage.EnsureAsync(), image])).Code.ShouldBe(0);
        var pins = LoopbackPins(_dir.Write("docker-18.09.2.tgz", "stand-in"));
        var mirror = _dir["mirror"];
        try
        {
            // Act
            var mirrored = BuildRunner.Run(["Mirror", "--mirror-dir", mirror, "--pins", pins, "--locked", "false", "--golang-image", image,
                "--downloads-dir", _dir["downloads"], "--pins-lock", _dir["lock.json"]]);
            (await Packaging.Processes.RunAsync("docker", ["rmi", image])).Code.ShouldBe(0);
            var loaded = BuildRunner.Run(["MirrorImages", "--sources-dir", mirror, "--pins", pins, "--pins-lock", _dir["lock.json"]]);

            // Assert
            mirrored.ExitCode.ShouldBe(0, mirrored.Output);
            File.ReadAllText(Path.Combine(mirror, "index.json")).ShouldContain($"image {image}");
            loaded.ExitCode.ShouldBe(0, loaded.Output);
            loaded.Output.ShouldContain($"Loading {image}");
            (await Packaging.Processes.RunAsync("docker", ["image", "inspect", image])).Code.ShouldBe(0);
        }
        finally { await Packaging.Processes.RunAsync("docker", ["rmi", image]); }
    }
}
