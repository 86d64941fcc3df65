using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeBuild.Engine;
using EdgeBuild.Tests.Packaging;
using EdgeBuild.Tests.Recipes;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Integration;

/// <summary>
/// The whole graph behind BundleRk3568 on one machine: the real cross-built userland (the shared cold build),
/// a Docker-like tarball under its own pin, and an image set given with --ohos-images.
/// </summary>
[Collection(UserlandBuildCollection.Name)]
[Trait("Tier", "Integration")]
public class BundleFromRealUserlandTests(UserlandBuildFixture fixture)
{
    private static readonly string[] DockerFiles = ["containerd", "containerd-shim", "ctr", "docker", "docker-init", "docker-proxy", "dockerd", "runc"];

    [Fact(Timeout = 900000)]
    public async Task The_bundle_ships_the_real_userland_with_its_pinned_versions_and_a_rerun_is_byte_identical()
    {
        // Arrange: bookworm pins plus a docker-static pin for the local tarball, in one --pins file.
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);
        using var dir = new TempDirectory();
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2", DockerFiles);
        var pins = JsonNode.Parse(File.ReadAllText(fixture.Root / "targets" / "pins-bookworm.json"))!.AsObject();
        pins["docker-static"] = JsonNode.Parse(File.ReadAllText(Fixtures.DockerPins(dir.Path, tarball, "18.09.2")))!["docker-static"]!.DeepClone();
        var pinsFile = dir.Write("pins.json", pins.ToJsonString());
        // RunAsync adds the bookworm profile, the test sources dir and --offline.
        string[] args = ["BundleRk3568", "--pins", pinsFile, "--docker-static-tarball", tarball, "--ohos-images", BundleFixtures.Images(dir["images"]), "--ohos-version", "3.2",
            "--release-version", "9.9.9", "--source-date-epoch", "1700000000", "--skip", "Edgecore"];

        // Act
        var first = await fixture.RunAsync(args);
        first.ExitCode.ShouldBe(0, first.Output);
        var bundle = fixture.Root / "artifacts" / "rk3568" / "bundle-9.9.9.tar.gz";
        var firstHash = Sha256(bundle);
        var second = await fixture.RunAsync(args);

        // Assert
        first.ExitCode.ShouldBe(0, first.Output);
        foreach (var recipe in new[] { "Busybox", "Iproute2", "Iptables", "F2fsTools" }) first.Status(recipe).ShouldBe(TargetStatus.UpToDate);
        first.Status("BuildOpenHarmony").ShouldBe(TargetStatus.Skipped);
        first.Status("Sidecar").ShouldBe(TargetStatus.Succeeded);
        second.ExitCode.ShouldBe(0, second.Output);
        Sha256(bundle).ShouldBe(firstHash, "two runs from the same inputs give the same bundle bytes");

        var sidecar = Entries(fixture.Root / "artifacts" / "rk3568" / "sidecar-rk3568-9.9.9.tar.gz");
        sidecar["system/bin/busybox"].ShouldBe(File.ReadAllBytes(fixture.Root / "artifacts" / "rk3568" / "userland" / "arm64" / "bin" / "busybox"));
        sidecar.Keys.ShouldContain("system/bin/xtables-legacy-multi");
        sidecar["system/bin/mkfs.f2fs"].ShouldBe(File.ReadAllBytes(fixture.Root / "artifacts" / "rk3568" / "userland" / "arm64" / "bin" / "mkfs.f2fs"));
        sidecar.Keys.ShouldContain("system/bin/dockerd");
        var sbom = File.ReadAllText(fixture.Root / "artifacts" / "rk3568" / "bundle-9.9.9" / "sbom.spdx.json");
        sbom.ShouldContain("\"versionInfo\": \"1.35.0\"");
        sbom.ShouldContain("\"versionInfo\": \"1.8.9\"");
        sbom.ShouldContain("\"versionInfo\": \"1.15.0\"");
        new EdgeBuild.Manifests.ArtifactManifest(fixture.Root / "artifacts" / "rk3568").Read()
            .ShouldContain(e => e.Path == "docker-static/dockerd" && e.Component == "docker-static" && e.Target == "DockerStatic");
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static Dictionary<string, byte[]> Entries(string archive)
    {
        var entries = new Dictionary<string, byte[]>();
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            entries[entry.Name.TrimStart('.', '/')] = data.ToArray();
        }
        return entries;
    }
}
