using System.Text;
using System.Text.Json;
using EdgeBuild.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

/// <summary>Runs Sidecar and BundleRk3568 in-process on fixture inputs and an --ohos-images image set.</summary>
[Collection("packaging targets")]
[Trait("Tier", "Integration")]
public class BundleTargetTests
{
    private static async Task<(string[] Args, string Bundle)> ArrangeAsync(TempDirectory dir)
    {
        var args = await SidecarTargetTests.FixtureArgumentsAsync(dir);
        var images = BundleFixtures.Images(dir["images"]);
        return ([.. args, "--ohos-images", images, "--ohos-version", "3.2"], Path.Combine(dir["artifacts"], "rk3568", "bundle-1.2.3"));
    }

    [Fact(Timeout = 300000)]
    public async Task A_3_1_image_set_without_ramdisk_makes_a_bundle_that_flashes_3_1s_partitions()
    {
        // Arrange: what 3.1's build leaves (ramdisk folded into boot_linux.img, parameter_5_10.txt, no config.cfg)
        using var dir = new TempDirectory();
        var args = await SidecarTargetTests.FixtureArgumentsAsync(dir);
        var images = BundleFixtures.Images31(dir["images"]);
        var bundle = Path.Combine(dir["artifacts"], "rk3568", "bundle-1.2.3");

        // Act
        var (code, output) = SidecarTargetTests.RunBuild(["BundleRk3568", .. args, "--ohos-images", images, "--ohos-version", "3.1"]);

        // Assert
        code.ShouldBe(0, output);
        File.Exists(Path.Combine(bundle, "images", "ramdisk.img")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(bundle, "images", "partitions.map")).ShouldBe(
            "uboot uboot.img\nresource resource.img\nboot_linux boot_linux.img\nsystem system.img\nvendor vendor.img\nuserdata userdata.img\n");
        var config = RkDevToolConfig.Read(File.ReadAllBytes(Path.Combine(bundle, "images", "config.cfg")));
        config.Entries.Select(e => e.Name).ShouldBe(["Loader", "Parameter", "uboot", "misc", "resource", "boot_linux", "system", "vendor", "userdata"]);
        config.Entries.Single(e => e.Name == "system").Address.ShouldBe(0x00038000u);
    }

    [Fact(Timeout = 300000)]
    public async Task Images_of_another_version_than_ohos_version_fail_naming_both_partition_lists()
    {
        using var dir = new TempDirectory();
        var args = await SidecarTargetTests.FixtureArgumentsAsync(dir);
        var images = BundleFixtures.Images(dir["images"]);

        var (code, output) = SidecarTargetTests.RunBuild(["BundleRk3568", .. args, "--ohos-images", images, "--ohos-version", "4.1"]);

        code.ShouldNotBe(0);
        output.ShouldContain("but OpenHarmony 4.1 (targets/openharmony/4.1.json) flashes uboot, misc, bootctrl");
        output.ShouldContain("pass the --ohos-version these images were built from");
    }

    [Fact(Timeout = 300000)]
    public async Task The_bundle_holds_images_sidecar_flash_files_and_checksums_that_verify()
    {
        // Arrange
        using var dir = new TempDirectory();
        var (args, bundle) = await ArrangeAsync(dir);

        // Act
        var (code, output) = SidecarTargetTests.RunBuild(["BundleRk3568", .. args]);

        // Assert
        code.ShouldBe(0, output);
        foreach (var file in new[] { "images/system.img", "images/parameter.txt", "images/config.cfg", "images/partitions.map", "flash.sh",
                     "README-FLASH.md", "sidecar-rk3568-1.2.3.tar.gz", "manifest.json", "sbom.spdx.json", "SHA256SUMS" })
            File.Exists(Path.Combine(bundle, file)).ShouldBeTrue(file);
        File.Exists(bundle + ".tar.gz").ShouldBeTrue();
        var check = await Processes.RunAsync("sha256sum", ["-c", "--strict", "SHA256SUMS"], bundle);
        check.Code.ShouldBe(0, Encoding.UTF8.GetString(check.Output) + check.Error);
        File.ReadAllLines(Path.Combine(bundle, "SHA256SUMS")).Length.ShouldBe(Directory.GetFiles(bundle, "*", SearchOption.AllDirectories).Length - 1);
        File.ReadAllText(Path.Combine(bundle, "images", "partitions.map")).ShouldStartWith("uboot uboot.img\nresource resource.img\nboot_linux boot_linux.img\n");
        File.ReadAllText(Path.Combine(bundle, "README-FLASH.md")).ShouldNotContain("{{");
    }

    [Fact(Timeout = 300000)]
    public async Task A_damaged_file_makes_the_checksums_fail()
    {
        // Arrange
        using var dir = new TempDirectory();
        var (args, bundle) = await ArrangeAsync(dir);
        SidecarTargetTests.RunBuild(["BundleRk3568", .. args]).Code.ShouldBe(0);

        // Act
        await File.AppendAllTextAsync(Path.Combine(bundle, "images", "system.img"), "bit rot");
        var check = await Processes.RunAsync("sha256sum", ["-c", "--quiet", "SHA256SUMS"], bundle);

        // Assert
        check.Code.ShouldNotBe(0);
        Encoding.UTF8.GetString(check.Output).ShouldContain("images/system.img: FAILED");
    }

    [Fact(Timeout = 300000)]
    public async Task The_SBOM_is_SPDX_2_3_JSON_with_one_package_per_component()
    {
        // Arrange
        using var dir = new TempDirectory();
        var (args, bundle) = await ArrangeAsync(dir);

        // Act
        SidecarTargetTests.RunBuild(["BundleRk3568", .. args]).Code.ShouldBe(0);

        // Assert
        var manifest = PackageManifest.FromJson(File.ReadAllText(Path.Combine(bundle, "manifest.json")));
        using var sbom = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "sbom.spdx.json")));
        var root = sbom.RootElement;
        root.GetProperty("spdxVersion").GetString().ShouldBe("SPDX-2.3");
        root.GetProperty("SPDXID").GetString().ShouldBe("SPDXRef-DOCUMENT");
        var packages = root.GetProperty("packages").EnumerateArray().ToList();
        packages.Select(p => p.GetProperty("name").GetString()).ShouldBe(manifest.Components.Select(c => c.Name));
        packages.Select(p => p.GetProperty("SPDXID").GetString()).Distinct().Count().ShouldBe(packages.Count);
        manifest.Components.Select(c => c.Name).ShouldBe(["busybox", "docker-static", "edge-build", "iproute2", "iptables", "kubeedge", "openharmony"]);
        packages.Single(p => p.GetProperty("name").GetString() == "busybox").GetProperty("licenseDeclared").GetString().ShouldBe("GPL-2.0-only");
        packages.Single(p => p.GetProperty("name").GetString() == "busybox").GetProperty("comment").GetString().ShouldContain("0001-fixture.patch");
        root.GetProperty("relationships").GetArrayLength().ShouldBe(packages.Count);
        manifest.Files.Single(f => f.Path == "images/system.img").Component.ShouldBe("openharmony");
    }

    [Fact(Timeout = 300000)]
    public async Task Two_bundle_runs_from_the_same_inputs_give_byte_identical_tarballs()
    {
        // Arrange
        using var dir = new TempDirectory();
        var (args, bundle) = await ArrangeAsync(dir);

        // Act
        SidecarTargetTests.RunBuild(["BundleRk3568", .. args]).Code.ShouldBe(0);
        var first = await File.ReadAllBytesAsync(bundle + ".tar.gz");
        Directory.Delete(bundle, recursive: true);
        File.Delete(bundle + ".tar.gz");
        foreach (var file in Directory.EnumerateFiles(dir["images"])) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-1));
        SidecarTargetTests.RunBuild(["BundleRk3568", "--force", .. args]).Code.ShouldBe(0);

        // Assert
        (await File.ReadAllBytesAsync(bundle + ".tar.gz")).ShouldBe(first);
    }

    [Fact(Timeout = 300000)]
    public async Task Missing_images_are_listed_together()
    {
        // Arrange
        using var dir = new TempDirectory();
        var (args, _) = await ArrangeAsync(dir);
        File.Delete(Path.Combine(dir["images"], "system.img"));
        File.Delete(Path.Combine(dir["images"], "uboot.img"));

        // Act
        var (code, output) = SidecarTargetTests.RunBuild(["BundleRk3568", .. args]);

        // Assert
        code.ShouldNotBe(0);
        output.ShouldContain("lacks uboot.img, system.img");
    }
}
