using System.Formats.Tar;
using EdgeBuild.Extraction;
using EdgeBuild.Reporting;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Extraction;

/// <summary>bzip2 and xz tarballs decompressed by the host's tools: a damaged one, and bombs.</summary>
[Trait("Tier", "Fast")]
public sealed class NativeDecompressionTests
{
    // A tar holding a small file and <paramref name="zeros"/> bytes of zeros, compressed by <paramref name="tool"/>.
    private static async Task<string> CompressedTarAsync(TempDirectory dir, string tool, int zeros)
    {
        ProcessRunner.Which(tool).ShouldNotBeNull($"{tool} is needed for this test: apt-get install {(tool == "xz" ? "xz-utils" : tool)}");
        var tar = dir["pkg.tar"];
        using (var file = File.Create(tar))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "pkg/first.txt") { DataStream = new MemoryStream("first"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "pkg/zeros") { DataStream = new MemoryStream(new byte[zeros]) });
        }
        await ProcessRunner.RunAsync(tool, ["-1", "-f", tar]);
        return tar + (tool == "xz" ? ".xz" : ".bz2");
    }

    [Theory(Timeout = 60000)]
    [InlineData("bzip2")]
    [InlineData("xz")]
    public async Task A_truncated_tarball_fails_naming_it_and_the_tool_and_leaves_nothing(string tool)
    {
        using var dir = new TempDirectory();
        var whole = await CompressedTarAsync(dir, tool, 4 << 20);
        var cut = dir["cut.tar" + Path.GetExtension(whole)];
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length * 2 / 3)]);

        var error = await Should.ThrowAsync<BuildException>(() => SafeExtractor.ExtractAsync(cut, dir["box/out"], CancellationToken.None));

        error.Message.ShouldStartWith($"{cut} is not a whole {tool} file ({tool} -dc: ");
        error.Message.ShouldEndWith("delete it and fetch it again.");
        Directory.GetFileSystemEntries(dir["box"]).ShouldBeEmpty();
    }

    // A bomb under the decompression cap (twice the byte budget and 64 MiB) is refused by the byte budget at its entry;
    // a bigger one is stopped by the cap, so it never fills the disk before the budget sees it.
    [Theory(Timeout = 60000)]
    [InlineData("bzip2", 32, "'pkg/zeros'")]
    [InlineData("xz", 32, "'pkg/zeros'")]
    [InlineData("bzip2", 96, "decompresses to more than ")]
    [InlineData("xz", 96, "decompresses to more than ")]
    public async Task A_bomb_is_refused_by_the_byte_budget_or_the_decompression_cap(string tool, int zerosMib, string refusal)
    {
        using var dir = new TempDirectory();
        var archive = await CompressedTarAsync(dir, tool, zerosMib << 20);

        var error = await Should.ThrowAsync<ExtractionLimitException>(() => SafeExtractor.ExtractAsync(archive, dir["box/out"], CancellationToken.None,
            limits: ExtractionLimits.Default with { MinimumBytes = 0 }));

        error.Message.ShouldContain(refusal);
        Directory.GetFileSystemEntries(dir["box"]).ShouldBeEmpty();
    }
}
