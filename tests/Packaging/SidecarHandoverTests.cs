using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

/// <summary>The sidecar takes its parts from the targets that hand them over, and refuses to ship without the userland the device needs.</summary>
[Collection("packaging targets")]
[Trait("Tier", "Integration")]
public class SidecarHandoverTests
{
    private static readonly string[] DockerFiles = ["containerd", "containerd-shim", "ctr", "docker", "docker-init", "docker-proxy", "dockerd", "runc"];

    // Docker from a fixture tarball; Userland and Edgecore skipped on a fresh artifacts directory.
    private static async Task<string[]> WithoutUserlandAsync(TempDirectory dir)
    {
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2", DockerFiles);
        return ["Sidecar", "--skip", "Userland", "Edgecore", "--artifacts", dir["artifacts"], "--pins", Fixtures.DockerPins(dir.Path, tarball, "18.09.2"),
            "--docker-static-tarball", tarball, "--release-version", "1.2.3", "--source-date-epoch", "1700000000", "--offline"];
    }

    [Fact(Timeout = 300000)]
    public async Task Sidecar_without_the_userland_fails_naming_each_missing_tool_and_writes_no_archive()
    {
        using var dir = new TempDirectory();

        var run = await Task.Run(async () => BuildRunner.Run(await WithoutUserlandAsync(dir)));

        run.ExitCode.ShouldBe(1, run.Output);
        var error = run.Build.Runs.Single(r => r.Name == "Sidecar").Error!;
        error.ShouldStartWith("The sidecar would lack busybox (Busybox: ");
        error.ShouldContain("ip (Iproute2: ");
        error.ShouldContain("iptables (Iptables: ");
        error.ShouldContain("--allow-incomplete-sidecar");
        File.Exists(dir["artifacts/rk3568/sidecar-rk3568-1.2.3.tar.gz"]).ShouldBeFalse();
    }

    [Fact(Timeout = 300000)]
    public async Task Sidecar_with_allow_incomplete_sidecar_is_built_and_says_what_it_lacks()
    {
        using var dir = new TempDirectory();

        var run = await Task.Run(async () => BuildRunner.Run([.. await WithoutUserlandAsync(dir), "--allow-incomplete-sidecar"]));

        run.ExitCode.ShouldBe(0, run.Output);
        File.Exists(dir["artifacts/rk3568/sidecar-rk3568-1.2.3.tar.gz"]).ShouldBeTrue();
        var sidecar = run.Build.Runs.Single(r => r.Name == "Sidecar");
        sidecar.Warnings.ShouldContain(w => w.Contains("lacks busybox (Busybox") && w.Contains("ip (Iproute2") && w.Contains("iptables (Iptables"));
        sidecar.Notes.ShouldContain(n => n.Contains("INCOMPLETE: lacks busybox, ip, iptables"));
        run.Build.Results.Find<SidecarBuilt>("Sidecar")!.Archive.ToString().ShouldEndWith("sidecar-rk3568-1.2.3.tar.gz");
    }

    [Fact(Timeout = 300000)]
    public async Task Bundle_with_Sidecar_skipped_on_a_fresh_artifacts_directory_names_Sidecar()
    {
        using var dir = new TempDirectory();

        var run = await Task.Run(() => BuildRunner.Run(["BundleRk3568", "--skip", "Sidecar", "--artifacts", dir["artifacts"],
            "--ohos-images", BundleFixtures.Images(dir["images"]), "--ohos-version", "3.2", "--release-version", "1.2.3", "--offline"]));

        run.ExitCode.ShouldBe(1, run.Output);
        run.Build.Runs.Single(r => r.Name == "BundleRk3568").Error.ShouldBe(
            "BundleRk3568 needs what Sidecar hands over, but Sidecar was skipped by --skip: run Sidecar, or give --artifacts DIR holding rk3568/sidecar-rk3568-1.2.3.tar.gz from an earlier run.");
    }
}
