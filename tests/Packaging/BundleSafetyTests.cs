using System.Diagnostics;
using EdgeBuild.Engine;
using EdgeBuild.Packaging;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Packaging;

/// <summary>The bundle takes only real images from --ohos-images, and leaves nothing half-made when it fails.</summary>
[Collection("packaging targets")]
public sealed class BundleSafetyTests
{
    private static readonly string Boards = Path.Combine(RepositoryRoot.Path, "targets", "boards");

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task An_image_linked_outside_the_images_directory_is_refused_by_name_and_nothing_is_bundled()
    {
        // Arrange: system.img -> /etc/passwd
        using var dir = new TempDirectory();
        var args = await SidecarTargetTests.FixtureArgumentsAsync(dir);
        var images = BundleFixtures.Images(dir["images"]);
        File.Delete(Path.Combine(images, "system.img"));
        File.CreateSymbolicLink(Path.Combine(images, "system.img"), "/etc/passwd");

        // Act
        var (code, output) = SidecarTargetTests.RunBuild(["BundleRk3568", .. args, "--ohos-images", images]);

        // Assert
        code.ShouldNotBe(0, output);
        output.ShouldContain("system.img (a link leading outside the directory)");
        Directory.GetFileSystemEntries(Path.Combine(dir["artifacts"], "rk3568"), "bundle-*").ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task A_fifo_image_is_refused_and_a_link_to_an_image_inside_the_directory_is_taken()
    {
        // Arrange
        using var dir = new TempDirectory();
        var images = BundleFixtures.Images(dir["images"]);
        File.Move(Path.Combine(images, "vendor.img"), Path.Combine(images, "vendor-real.img"));
        File.CreateSymbolicLink(Path.Combine(images, "vendor.img"), "vendor-real.img");
        File.Delete(Path.Combine(images, "userdata.img"));
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(images, "userdata.img")])) await mkfifo.WaitForExitAsync();

        // Act
        var error = Should.Throw<BuildException>(() => BundleImages.Resolve(images, ["vendor.img", "userdata.img", "system.img"]));
        var taken = BundleImages.Resolve(images, ["vendor.img", "system.img"]);

        // Assert
        error.Message.ShouldContain("userdata.img (not a regular file)");
        error.Message.ShouldNotContain("vendor.img");
        taken["vendor.img"].ShouldBe(Path.Combine(images, "vendor-real.img"));
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task A_full_disk_while_bundling_names_the_file_and_leaves_no_partial_bundle()
    {
        // Arrange: a sidecar built as usual, then a bundle with a 4 MiB system.img into a 1 MiB file system
        using var dir = new TempDirectory();
        var args = await SidecarTargetTests.FixtureArgumentsAsync(dir);
        SidecarTargetTests.RunBuild(["Sidecar", .. args]).Code.ShouldBe(0);
        var images = BundleFixtures.Images(dir["images"]);
        var big = new byte[4 << 20];
        new Random(4).NextBytes(big);
        await File.WriteAllBytesAsync(Path.Combine(images, "system.img"), big);
        using var disk = new SmallTmpfs("1m");
        var boardArtifacts = Path.Combine(dir["artifacts"], "rk3568");

        // Act
        var error = await Should.ThrowAsync<DiskFullException>(() => BundleBuilder.BuildAsync(new BundleSources
        {
            Board = BoardDefinition.Load(Boards, "rk3568"), Identity = new ReleaseIdentity("1.2.3", null, 1700000000), ImagesDirectory = images,
            Layout = new FlashLayout(["MiniLoaderAll.bin", "parameter.txt", "system.img"], [], "the test's images"),
            SidecarArchive = Path.Combine(boardArtifacts, SidecarBuilder.ArchiveName("rk3568", "1.2.3")),
            ArtifactsManifest = Path.Combine(boardArtifacts, "manifest.json"), BoardsDirectory = Boards,
            OutputDirectory = disk.Path, TargetName = "BundleRk3568",
        }, CancellationToken.None));

        // Assert
        error.Message.ShouldContain(Path.Combine(disk.Path, "bundle-1.2.3.partial", "images"));
        error.Message.ShouldContain("MiB free");
        disk.Entries().ShouldBeEmpty();
    }
}
