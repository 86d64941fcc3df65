using System.Text.Json.Nodes;
using EdgeBuild.Manifests;
using EdgeBuild.Tests.Packaging;
using EdgeBuild.Tests.Recipes;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.VirtualBoard;

/// <summary>
/// The sidecar built from the real cross-built userland (the shared cold build) boots on Debian's arm64 kernel under
/// qemu-system-aarch64 and passes the smoke script. Docker's static tarball has no route here, so Docker is Debian's
/// arm64 docker.io stand-in (--docker-stand-in), and edgecore, which needs KubeEdge's sources, is a stand-in built with
/// the edgecore recipe (<see cref="EdgecoreStandIn"/>); busybox, ip, iptables, the scripts and configs (edgecore.yaml
/// included) are the sidecar's own.
/// </summary>
[Collection(UserlandBuildCollection.Name)]
[Trait("Tier", "Integration")]
public class VirtualBoardSmokeTests(UserlandBuildFixture fixture)
{
    private static readonly string[] DockerFiles = ["containerd", "containerd-shim", "containerd-shim-runc-v2", "ctr", "docker", "docker-init", "docker-proxy", "dockerd", "runc"];
    private static readonly string[] Steps = ["modules", "network", "check_kernel", "setup_docker", "setup_docker_again", "dockerd", "image", "container", "published_port", "memory_stat", "edgecore"];

    [Fact(Timeout = 1500000)]
    public async Task The_sidecar_with_Debian_docker_and_a_stand_in_edgecore_passes_the_whole_smoke_script_on_an_arm64_kernel()
    {
        // Arrange: edgecore.yaml points at a documentation address; the VM sends it to the host's cloudcore stub.
        using var dir = new TempDirectory();
        var edgecore = await EdgecoreStandIn.BuildAsync(dir, dir["edgecore"]);
        await SidecarAsync("9.9.1", "--edgecore-binary", edgecore, "--kubeedge-version", EdgecoreStandIn.Version, "--cloudcore-address", "192.0.2.10");

        // Act
        var run = await fixture.RunAsync("VirtualBoard", "--docker-stand-in", "--release-version", "9.9.1");

        // Assert
        run.ExitCode.ShouldBe(0, run.Output);
        var entry = new ArtifactManifest(fixture.Root / "artifacts" / "rk3568").Read().Single(e => e.Component == "virtual-board");
        foreach (var step in Steps) entry.Changes.ShouldContain(c => c.StartsWith($"{step}: ok"), $"step {step}: {string.Join("\n", entry.Changes)}");
        entry.Changes.ShouldContain("smoke: passed");
        entry.Changes.ShouldContain(c => c.StartsWith($"edgecore: ok edgecore v{EdgecoreStandIn.Version} ") && c.Contains("edge-build's stand-in") && c.Contains("192.0.2.10"),
            string.Join("\n", entry.Changes));
        entry.Changes.ShouldContain(c => c.StartsWith("cloudcore stub: ") && c.Contains("TLS ClientHello x"), string.Join("\n", entry.Changes));
        entry.Source.ShouldContain("Debian's docker.io stand-in");
        var console = File.ReadAllText(fixture.Root / "artifacts" / "rk3568" / "logs" / "virtual-board-console.log");
        console.ShouldContain("SMOKE END pass");
        run.Output.ShouldContain("check-kernel.sh and CheckKernelConfig agree");
    }

    [Fact(Timeout = 1500000)]
    public async Task A_setup_docker_sh_without_its_cgroup_mounts_fails_the_setup_docker_step()
    {
        // Arrange: the device's script with the call that mounts the cgroup hierarchies removed.
        var script = fixture.Root / "device" / "setup-docker.sh";
        var original = File.ReadAllText(script);
        original.ShouldContain("\nmount_cgroups\n");
        File.WriteAllText(script, original.Replace("\nmount_cgroups\n", "\n"));
        try { await SidecarAsync("9.9.2"); }
        finally { File.WriteAllText(script, original); }

        // Act
        var run = await fixture.RunAsync("VirtualBoard", "--release-version", "9.9.2");

        // Assert
        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("Virtual board smoke step setup_docker failed: cgroup controller");
    }

    [Fact(Timeout = 1500000)]
    public async Task A_module_list_without_overlay_fails_the_setup_docker_step_naming_overlay()
    {
        // Arrange: a virtual board definition whose modules list leaves overlay out.
        await SidecarAsync("9.9.3");
        var definitions = fixture.Root / "targets" / "virtual-board";
        var definition = JsonNode.Parse(File.ReadAllText(definitions / "debian-arm64.json"))!.AsObject();
        var modules = definition["modules"]!.AsArray();
        modules.Remove(modules.Single(m => m!.GetValue<string>() == "overlay"));
        File.WriteAllText(definitions / "no-overlay.json", definition.ToJsonString());

        // Act
        var run = await fixture.RunAsync("VirtualBoard", "--virtual-board-name", "no-overlay", "--release-version", "9.9.3");

        // Assert
        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("Virtual board smoke step setup_docker failed");
        File.ReadAllText(fixture.Root / "artifacts" / "rk3568" / "logs" / "virtual-board-console.log").ShouldContain("overlay filesystem in the kernel");
    }

    // The sidecar of the shared userland build with a Docker-like tarball under its own pin (as the bundle test does);
    // without edgecore unless the arguments give one.
    private async Task SidecarAsync(string version, params string[] edgecore)
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);
        using var dir = new TempDirectory();
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "20.10.24", DockerFiles);
        var pins = JsonNode.Parse(File.ReadAllText(fixture.Root / "targets" / "pins-bookworm.json"))!.AsObject();
        pins["docker-static"] = JsonNode.Parse(File.ReadAllText(Fixtures.DockerPins(dir.Path, tarball, "20.10.24")))!["docker-static"]!.DeepClone();
        var run = await fixture.RunAsync(["Sidecar", "--pins", dir.Write("pins.json", pins.ToJsonString()), "--docker-static-tarball", tarball,
            "--release-version", version, "--source-date-epoch", "1700000000", .. edgecore.Length > 0 ? edgecore : ["--skip", "Edgecore"]]);
        run.ExitCode.ShouldBe(0, run.Output);
    }
}
