using EdgeBuild.Tooling;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using EdgeBuild.Engine;
using EdgeBuild.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

/// <summary>Runs the real DockerStatic and Sidecar targets in-process on fixture inputs.</summary>
[Collection("packaging targets")]
[Trait("Tier", "Integration")]
public class SidecarTargetTests
{
    /// <summary>Artifacts of the other concerns (userland, edgecore) as their targets leave them, with their manifest entries.</summary>
    public static async Task<string[]> FixtureArgumentsAsync(TempDirectory dir)
    {
        var arm64 = await Fixtures.StaticElfAsync();
        var armhf = await Fixtures.StaticElfAsync("arm-linux-gnueabihf-gcc");
        var artifacts = dir["artifacts"];
        var userland = Path.Combine(artifacts, "rk3568", "userland");
        var files = new (string Path, byte[] Bytes, string Component, string Version, string License)[]
        {
            ("userland/arm64/bin/busybox", Fixtures.Variant(arm64, "busybox"), "busybox", "1.37.0", "GPL-2.0-only"),
            ("userland/arm64/bin/ip", Fixtures.Variant(arm64, "ip"), "iproute2", "6.1.0", "GPL-2.0-or-later"),
            ("userland/armhf/bin/xtables-legacy-multi", Fixtures.Variant(armhf, "xt"), "iptables", "1.8.9", "GPL-2.0-or-later"),
            ("edgecore/edgecore", Fixtures.Variant(arm64, "edgecore"), "kubeedge", "1.9.1", "Apache-2.0"),
        };
        var entries = new List<object>();
        foreach (var (path, bytes, component, version, license) in files)
        {
            var full = Path.Combine(artifacts, "rk3568", path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, bytes);
            File.SetUnixFileMode(full, Fixtures.Exec);
            entries.Add(new { path, sha256 = await FileHash.Sha256Async(full), size = bytes.Length, component, version, source = $"{component}-{version}.tar", license, target = "fixture", changes = new[] { $"patches/{component}/0001-fixture.patch (Upstream: no)" } });
        }
        foreach (var link in new[] { "iptables", "iptables-save", "ip6tables" })
            File.CreateSymbolicLink(Path.Combine(userland, "armhf", "bin", link), "xtables-legacy-multi");
        await File.WriteAllTextAsync(Path.Combine(artifacts, "rk3568", "manifest.json"), JsonSerializer.Serialize(new { artifacts = entries }));
        var config = dir.Write("edgecore.yaml", "modules:\n  edgeHub:\n    token: \"\"\n");
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2",
            ["containerd", "containerd-shim", "ctr", "docker", "docker-init", "docker-proxy", "dockerd", "runc"]);
        return ["--artifacts", artifacts, "--pins", Fixtures.DockerPins(dir.Path, tarball, "18.09.2"), "--docker-static-tarball", tarball,
            "--userland-dir", userland, "--edgecore-binary", Path.Combine(artifacts, "rk3568", "edgecore", "edgecore"), "--edgecore-yaml", config,
            "--release-version", "1.2.3", "--source-date-epoch", "1700000000", "--registry-mirrors", "https://mirror.example.com",
            // The fixture edgecore is a stand-in ELF, not one Edgecore's qemu check would accept.
            "--skip", "Edgecore"];
    }

    /// <summary>Runs the real build in-process against the repository's data (targets/, device/, toolchains/).</summary>
    public static (int Code, string Output) RunBuild(params string[] args)
    {
        var run = BuildRunner.Run(args);
        return (run.ExitCode, run.Output);
    }

    private static List<(string Name, TarEntryType Type, string Link, byte[] Data)> ReadArchive(string path)
    {
        var list = new List<(string, TarEntryType, string, byte[])>();
        using var reader = new TarReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.GetNextEntry() is { } e)
        {
            var data = new MemoryStream();
            e.DataStream?.CopyTo(data);
            list.Add((e.Name, e.EntryType, e.LinkName, data.ToArray()));
        }
        return list;
    }

    [Fact(Timeout = 300000)]
    public async Task Sidecar_lays_out_docker_userland_edgecore_configs_and_scripts_as_on_the_device()
    {
        // Arrange
        using var dir = new TempDirectory();
        var args = await FixtureArgumentsAsync(dir);

        // Act
        var (code, output) = RunBuild(["Sidecar", .. args]);

        // Assert
        code.ShouldBe(0, output);
        var archive = Path.Combine(dir["artifacts"], "rk3568", "sidecar-rk3568-1.2.3.tar.gz");
        var entries = ReadArchive(archive);
        var names = entries.Select(e => e.Name).ToList();
        foreach (var expected in new[] { "system/bin/dockerd", "system/bin/containerd-shim", "system/bin/busybox", "system/bin/ip",
                     "system/bin/xtables-legacy-multi", "system/bin/edgecore", "system/bin/setup-docker.sh", "system/bin/start-edgecore.sh",
                     "system/bin/check-kernel.sh", "etc/cgroups.json", "etc/docker/daemon.json", "etc/kubeedge/config/edgecore.yaml",
                     "usr/lib/os-release", SidecarBuilder.ManifestPath })
            names.ShouldContain(expected);
        entries.Single(e => e.Name == "system/bin/iptables").ShouldSatisfyAllConditions(
            e => e.Type.ShouldBe(TarEntryType.SymbolicLink), e => e.Link.ShouldBe("xtables-legacy-multi"));
        var daemon = JsonDocument.Parse(entries.Single(e => e.Name == "etc/docker/daemon.json").Data).RootElement;
        daemon.GetProperty("data-root").GetString().ShouldBe("/mnt/f2fs");
        daemon.GetProperty("storage-driver").GetString().ShouldBe("overlay2");
        daemon.GetProperty("registry-mirrors")[0].GetString().ShouldBe("https://mirror.example.com");
        System.Text.Encoding.UTF8.GetString(entries.Single(e => e.Name == "usr/lib/os-release").Data).ShouldContain("VERSION_ID=\"1.2.3\"");
        System.Text.Encoding.UTF8.GetString(entries.Single(e => e.Name == KernelOptionList.DevicePath).Data)
            .ShouldBe(KernelOptionList.Render(EdgeBuild.Kernel.KernelRequirements.Load(Path.Combine(RepositoryRoot.Path, "targets", "kernel", "requirements.json"))));
        var manifest = PackageManifest.FromJson(File.ReadAllText(Path.Combine(dir["artifacts"], "rk3568", "sidecar-rk3568-1.2.3.manifest.json")));
        manifest.Components.Select(c => c.Name).ShouldBe(["busybox", "docker-static", "edge-build", "iproute2", "iptables", "kubeedge"]);
        manifest.Files.Single(f => f.Path == "system/bin/ip").Component.ShouldBe("iproute2");
        manifest.Files.Single(f => f.Path == "system/bin/iptables").Component.ShouldBe("iptables");
        manifest.Files.Single(f => f.Path == "system/bin/edgecore").Sha256.ShouldBe(await FileHash.Sha256Async(Path.Combine(dir["artifacts"], "rk3568", "edgecore", "edgecore")));
    }

    [Fact(Timeout = 300000)]
    public async Task Two_sidecar_runs_from_the_same_inputs_are_byte_identical()
    {
        // Arrange
        using var dir = new TempDirectory();
        var args = await FixtureArgumentsAsync(dir);
        var archive = Path.Combine(dir["artifacts"], "rk3568", "sidecar-rk3568-1.2.3.tar.gz");

        // Act
        var first = RunBuild(["Sidecar", .. args]);
        var firstBytes = await File.ReadAllBytesAsync(archive);
        File.Delete(archive);
        foreach (var file in Directory.EnumerateFiles(dir["artifacts"], "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-5));
        var second = RunBuild(["Sidecar", "--force", .. args]);

        // Assert
        first.Code.ShouldBe(0, first.Output);
        second.Code.ShouldBe(0, second.Output);
        (await File.ReadAllBytesAsync(archive)).ShouldBe(firstBytes);
    }
}
