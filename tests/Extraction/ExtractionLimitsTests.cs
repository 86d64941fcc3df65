using System.Formats.Tar;
using System.Text.Json;
using EdgeBuild.Extraction;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Extraction;

[Trait("Tier", "Fast")]
public sealed class ExtractionLimitsTests
{
    private static readonly ExtractionLimits NoFloor = ExtractionLimits.Default with { MinimumBytes = 0 };

    [Fact]
    public void The_built_in_limits_are_the_ones_in_targets()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "targets", "extraction-limits.json")));
        ExtractionLimits.Default.Ratio.ShouldBe(json.RootElement.GetProperty("ratio").GetInt64());
        ExtractionLimits.Default.MinimumBytes.ShouldBe(json.RootElement.GetProperty("minimumBytes").GetInt64());
        ExtractionLimits.Default.MaxEntries.ShouldBe(json.RootElement.GetProperty("maxEntries").GetInt64());
    }

    [Fact(Timeout = 60000)]
    public async Task A_gzip_bomb_is_refused_once_it_passes_twenty_times_its_size_and_its_partial_tree_is_removed()
    {
        // Arrange: 32 MiB of zeros, about 32 KiB compressed
        using var dir = new TempDirectory();
        var archive = ArchiveFixture.TarGz(dir["bomb.tar.gz"], w =>
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "pkg/zeros") { DataStream = new MemoryStream(new byte[32 << 20]) }));

        // Act
        var error = await Should.ThrowAsync<ExtractionLimitException>(() => SafeExtractor.ExtractAsync(archive, dir["box/out"], CancellationToken.None, limits: NoFloor));

        // Assert
        error.Message.ShouldContain(archive);
        error.Message.ShouldContain("'pkg/zeros'");
        error.Message.ShouldContain("targets/extraction-limits.json");
        Directory.GetFileSystemEntries(dir["box"]).ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    public async Task Hard_link_copies_count_against_the_byte_limit()
    {
        // Arrange: one small file copied by many hard links expands far beyond the archive
        using var dir = new TempDirectory();
        var archive = ArchiveFixture.TarGz(dir["links.tar.gz"], w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "f") { DataStream = new MemoryStream(new byte[256 << 10]) });
            for (var i = 0; i < 200; i++) w.AddHardLink($"h{i}", "f");
        });

        // Act
        var error = await Should.ThrowAsync<ExtractionLimitException>(() => SafeExtractor.ExtractAsync(archive, dir["box/out"], CancellationToken.None, limits: NoFloor));

        // Assert
        error.Message.ShouldContain("expands to more than");
        Directory.GetFileSystemEntries(dir["box"]).ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    public async Task An_archive_with_more_entries_than_allowed_is_refused_naming_the_limit()
    {
        using var dir = new TempDirectory();
        var archive = ArchiveFixture.TarGz(dir["many.tar.gz"], w => { for (var i = 0; i < 150; i++) w.AddFile($"pkg/f{i}", ""); });

        var error = await Should.ThrowAsync<ExtractionLimitException>(() =>
            SafeExtractor.ExtractAsync(archive, dir["box/out"], CancellationToken.None, limits: ExtractionLimits.Default with { MaxEntries = 100 }));

        error.Message.ShouldContain("more than 100 entries");
        error.Message.ShouldContain("'pkg/f100'");
        Directory.GetFileSystemEntries(dir["box"]).ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    public async Task An_archive_within_the_limits_is_extracted()
    {
        using var dir = new TempDirectory();
        var archive = ArchiveFixture.TarGz(dir["fine.tar.gz"], w => { for (var i = 0; i < 100; i++) w.AddFile($"pkg/f{i}", "x"); });

        await SafeExtractor.ExtractAsync(archive, dir["box/out"], CancellationToken.None, limits: ExtractionLimits.Default with { MaxEntries = 100 });

        Directory.GetFiles(dir["box/out/pkg"]).Length.ShouldBe(100);
    }
}
