using System.Diagnostics;
using EdgeBuild.Packaging;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

[Trait("Tier", "Fast")]
public class ParallelGzipStreamTests
{
    private static byte[] CompressibleData(int length)
    {
        // Text-like data: words from a small vocabulary, the way binaries and configs compress.
        var random = new Random(42);
        var words = Enumerable.Range(0, 500).Select(i => $"w{i * 7919 % 10007:x}").ToArray();
        var text = new System.Text.StringBuilder();
        while (text.Length < length) text.Append(words[random.Next(words.Length)]).Append(random.Next(8) == 0 ? '\n' : ' ');
        return System.Text.Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    [Fact(Timeout = 120000)]
    public async Task Many_members_decompress_with_gzip_to_the_input_bytes()
    {
        // Arrange
        var data = CompressibleData(1_000_000);
        using var output = new MemoryStream();

        // Act
        using (var gzip = new ParallelGzipStream(output, chunkSize: 64 << 10, leaveOpen: true)) gzip.Write(data);

        // Assert
        var (code, decompressed, error) = await Processes.RunAsync("gzip", ["-dc"], input: output.ToArray());
        code.ShouldBe(0, error);
        decompressed.ShouldBe(data);
    }

    [Fact(Timeout = 60000)]
    public async Task Empty_input_gives_a_valid_empty_gzip_file()
    {
        // Arrange
        using var output = new MemoryStream();

        // Act
        using (new ParallelGzipStream(output, leaveOpen: true)) { }

        // Assert
        var (code, decompressed, error) = await Processes.RunAsync("gzip", ["-dc"], input: output.ToArray());
        code.ShouldBe(0, error);
        decompressed.ShouldBeEmpty();
    }

    [Fact(Timeout = 120000)]
    public async Task Output_is_within_one_percent_of_gzip_6_in_size()
    {
        // Arrange
        var data = CompressibleData(12_000_000);
        using var output = new MemoryStream();

        // Act
        using (var gzip = new ParallelGzipStream(output, level: 6, leaveOpen: true)) gzip.Write(data);
        var (_, reference, _) = await Processes.RunAsync("gzip", ["-6", "-n", "-c"], input: data);

        // Assert
        ((double)output.Length / reference.Length).ShouldBeLessThan(1.01);
    }
}
