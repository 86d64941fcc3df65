using EdgeBuild.Extraction;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Extraction;

/// <summary>Real failures during extraction: each names what failed and leaves no partial tree.</summary>
[Trait("Tier", "Fast")]
public sealed class ExtractionFailureTests
{
    [Fact(Timeout = 60000)]
    public async Task A_full_disk_names_the_file_being_written_and_the_free_space_and_removes_the_partial_tree()
    {
        // Arrange: 4 MiB of incompressible data into a 1 MiB file system
        using var dir = new TempDirectory();
        using var disk = new SmallTmpfs("1m");
        var data = new byte[4 << 20];
        new Random(1).NextBytes(data);
        var archive = ArchiveFixture.TarGz(dir["big.tar.gz"], w =>
        {
            w.AddFile("pkg/small.txt", "small");
            w.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "pkg/big.bin") { DataStream = new MemoryStream(data) });
        });
        var destination = Path.Combine(disk.Path, "out");

        // Act
        var error = await Should.ThrowAsync<DiskFullException>(() => SafeExtractor.ExtractAsync(archive, destination, CancellationToken.None));

        // Assert
        error.Message.ShouldContain(Path.Combine("pkg", "big.bin"));
        error.Message.ShouldMatch(@"\d+ MiB free");
        disk.Entries().ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    public async Task A_truncated_archive_fails_and_removes_the_partial_tree()
    {
        // Arrange: a real archive cut in half
        using var dir = new TempDirectory();
        var data = new byte[1 << 20];
        new Random(2).NextBytes(data);
        var whole = ArchiveFixture.TarGz(dir["whole.tar.gz"], w =>
        {
            w.AddFile("pkg/first.txt", "first");
            w.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "pkg/data.bin") { DataStream = new MemoryStream(data) });
        });
        var bytes = File.ReadAllBytes(whole);
        var archive = dir["cut.tar.gz"];
        File.WriteAllBytes(archive, bytes[..(bytes.Length / 2)]);

        // Act
        await Should.ThrowAsync<Exception>(() => SafeExtractor.ExtractAsync(archive, dir["box/out"], CancellationToken.None));

        // Assert
        Directory.GetFileSystemEntries(dir["box"]).ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    public async Task A_cancelled_extraction_removes_the_partial_tree()
    {
        using var dir = new TempDirectory();
        var archive = ArchiveFixture.TarGz(dir["fine.tar.gz"], w => w.AddFile("pkg/a.txt", "a"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => SafeExtractor.ExtractAsync(archive, dir["box/out"], cancelled.Token));

        Directory.GetFileSystemEntries(dir["box"]).ShouldBeEmpty();
    }
}
