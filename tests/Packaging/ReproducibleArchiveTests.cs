using System.Formats.Tar;
using EdgeBuild.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

[Trait("Tier", "Fast")]
public class ReproducibleArchiveTests
{
    private static void MakeTree(TempDirectory tree)
    {
        tree.Write("system/bin/dockerd", "#!/bin/sh\necho dockerd\n", (UnixFileMode)0b111_000_000);
        tree.Write("etc/docker/daemon.json", "{}\n", (UnixFileMode)0b110_000_000);
        tree.Write("etc/cgroups.json", "[]\n", (UnixFileMode)0b110_110_110);
        tree.Write("a-b.txt", "sorted before a/ by byte order\n");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "system/bin/docker-link"), "dockerd");
    }

    [Fact(Timeout = 60000)]
    public async Task Two_runs_from_the_same_tree_give_byte_identical_archives_whatever_the_file_times()
    {
        // Arrange
        using var tree = new TempDirectory();
        using var output = new TempDirectory();
        MakeTree(tree);
        var first = Path.Combine(output.Path, "first.tar.gz");
        var second = Path.Combine(output.Path, "second.tar.gz");

        // Act
        ReproducibleArchive.Write(tree.Path, first, new ArchiveOptions { Epoch = 1700000000 });
        foreach (var file in Directory.EnumerateFiles(tree.Path, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-3));
        await Task.Delay(1100);
        ReproducibleArchive.Write(tree.Path, second, new ArchiveOptions { Epoch = 1700000000 });

        // Assert
        (await File.ReadAllBytesAsync(second)).ShouldBe(await File.ReadAllBytesAsync(first));
    }

    [Fact(Timeout = 60000)]
    public async Task Entries_are_sorted_root_owned_with_one_mtime_and_normalised_modes()
    {
        // Arrange
        using var tree = new TempDirectory();
        using var output = new TempDirectory();
        MakeTree(tree);
        var archive = Path.Combine(output.Path, "out.tar.gz");

        // Act
        ReproducibleArchive.Write(tree.Path, archive, new ArchiveOptions { Epoch = 1700000000, Prefix = "bundle-1.0" });

        // Assert: decompressed by the real gzip, read back as tar
        var (code, tarBytes, error) = await Processes.RunAsync("gzip", ["-dc", archive]);
        code.ShouldBe(0, error);
        var entries = new List<(string Name, TarEntryType Type, UnixFileMode Mode, int Uid, int Gid, string User, DateTimeOffset Time, string Link)>();
        using (var reader = new TarReader(new MemoryStream(tarBytes)))
            while (reader.GetNextEntry() is UstarTarEntry e)
                entries.Add((e.Name, e.EntryType, e.Mode, e.Uid, e.Gid, e.UserName, e.ModificationTime, e.LinkName));
        entries.Select(e => e.Name).ShouldBe([
            "bundle-1.0/", "bundle-1.0/a-b.txt", "bundle-1.0/etc/", "bundle-1.0/etc/cgroups.json", "bundle-1.0/etc/docker/",
            "bundle-1.0/etc/docker/daemon.json", "bundle-1.0/system/", "bundle-1.0/system/bin/",
            "bundle-1.0/system/bin/docker-link", "bundle-1.0/system/bin/dockerd"]);
        entries.ShouldAllBe(e => e.Uid == 0 && e.Gid == 0 && e.User == "root" && e.Time == DateTimeOffset.FromUnixTimeSeconds(1700000000));
        entries.Single(e => e.Name.EndsWith("dockerd")).Mode.ShouldBe((UnixFileMode)0b111_101_101);
        entries.Single(e => e.Name.EndsWith("daemon.json")).Mode.ShouldBe((UnixFileMode)0b110_100_100);
        entries.Single(e => e.Name.EndsWith("cgroups.json")).Mode.ShouldBe((UnixFileMode)0b110_100_100);
        entries.Single(e => e.Name == "bundle-1.0/etc/").Mode.ShouldBe((UnixFileMode)0b111_101_101);
        entries.Single(e => e.Name.EndsWith("docker-link")).ShouldSatisfyAllConditions(
            e => e.Type.ShouldBe(TarEntryType.SymbolicLink), e => e.Link.ShouldBe("dockerd"));
    }

    [Fact(Timeout = 60000)]
    public async Task Gzip_header_carries_no_name_and_no_timestamp()
    {
        // Arrange
        using var tree = new TempDirectory();
        using var output = new TempDirectory();
        MakeTree(tree);
        var archive = Path.Combine(output.Path, "out.tar.gz");

        // Act
        ReproducibleArchive.Write(tree.Path, archive, new ArchiveOptions { Epoch = 5 });

        // Assert
        var bytes = await File.ReadAllBytesAsync(archive);
        bytes[..3].ShouldBe(new byte[] { 0x1f, 0x8b, 8 });
        (bytes[3] & 0x08).ShouldBe(0, "FNAME flag set");
        bytes[4..8].ShouldBe(new byte[4]);
        (await Processes.RunAsync("gzip", ["-t", archive])).Code.ShouldBe(0);
    }
}
