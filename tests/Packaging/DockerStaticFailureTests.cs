using EdgeBuild.Engine;
using EdgeBuild.Packaging;
using EdgeBuild.Pins;
using EdgeBuild.Tests.Support;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Packaging;

/// <summary>DockerStatic failing at each stage (unpacking, disk, verification) leaves neither a partial nor an output directory.</summary>
public sealed class DockerStaticFailureTests
{
    private static readonly ElfExpectation Arm64 = new("AArch64", 64, null);
    private static readonly DockerStaticFileSets Sets = DockerStaticFileSets.Load(Path.Combine(RepositoryRoot.Path, "targets", "docker-static-files.json"));
    private static readonly DockerStaticFamily Family = Sets.For("18.09.2");

    private static Task<(Pin Pin, PinFile File)> PinAsync(string tarball) => DockerStaticUnpackerTests.PinAsync(tarball, "18.09.2");

    private static Task<DockerStaticResult> UnpackAsync(string tarball, Pin pin, PinFile file, string output) =>
        DockerStaticUnpacker.RunAsync(tarball, pin, file, Family, Arm64, output, CancellationToken.None);

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task A_truncated_tarball_leaves_no_partial_directory()
    {
        // Arrange: a real tarball cut short, pinned as it is (a mirror serving a broken file with a matching pin)
        using var dir = new TempDirectory();
        var whole = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2", Family.Binaries);
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(whole, bytes[..(bytes.Length * 2 / 3)]);
        var (pin, file) = await PinAsync(whole);

        // Act
        await Should.ThrowAsync<Exception>(() => UnpackAsync(whole, pin, file, dir["out"]));

        // Assert
        Directory.Exists(dir["out.partial"]).ShouldBeFalse();
        Directory.Exists(dir["out"]).ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Fast")]
    public async Task Binaries_that_are_not_static_elf_leave_no_partial_directory()
    {
        using var dir = new TempDirectory();
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2", Family.Binaries, "#!/bin/sh\necho not docker\n"u8.ToArray());
        var (pin, file) = await PinAsync(tarball);

        await Should.ThrowAsync<BuildException>(() => UnpackAsync(tarball, pin, file, dir["out"]));

        Directory.Exists(dir["out.partial"]).ShouldBeFalse();
        Directory.Exists(dir["out"]).ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task A_full_disk_names_the_binary_being_written_and_leaves_nothing()
    {
        // Arrange: eight binaries of 512 KiB each (incompressible padding) into a 1 MiB file system
        using var dir = new TempDirectory();
        using var disk = new SmallTmpfs("1m");
        var padding = new byte[512 << 10];
        new Random(3).NextBytes(padding);
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2", Family.Binaries, [.. await Fixtures.StaticElfAsync(), .. padding]);
        var (pin, file) = await PinAsync(tarball);

        // Act
        var error = await Should.ThrowAsync<DiskFullException>(() => UnpackAsync(tarball, pin, file, Path.Combine(disk.Path, "out")));

        // Assert
        error.Message.ShouldContain(Path.Combine(disk.Path, "out.partial") + "/");
        error.Message.ShouldContain("MiB free");
        disk.Entries().ShouldBeEmpty();
    }
}
