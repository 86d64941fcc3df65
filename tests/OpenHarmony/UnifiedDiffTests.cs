using EdgeBuild.OpenHarmony;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.OpenHarmony;

[Trait("Tier", "Fast")]
public class UnifiedDiffTests
{
    private static string Lines(params int[] numbers) => string.Concat(numbers.Select(n => $"line {n}\n"));

    public static TheoryData<string, string> Cases => new()
    {
        { Lines(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), Lines(1, 2, 3, 4, 5, 55, 6, 7, 8, 9, 10) },
        { Lines(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), Lines(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19) },
        { Lines(1, 2, 3), Lines(1, 3) },
        { Lines(1, 2, 3, 4, 5, 6, 7, 8, 9), Lines(1, 2, 30, 4, 5, 6, 7, 80, 9) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_diff_matches_what_diff_u_prints(string before, string after)
    {
        ProcessRunner.Which("diff").ShouldNotBeNull("diff is not installed: apt-get install diffutils");
        var dir = Directory.CreateTempSubdirectory("ohos-diff-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a"), before);
            File.WriteAllText(Path.Combine(dir, "b"), after);
            var expected = await ProcessRunner.RunAsync("diff", ["-u", "--label", "a/f", "--label", "b/f", "a", "b"],
                new ProcessOptions { WorkingDirectory = dir, CaptureOutput = true, AllowFailure = true });

            UnifiedDiff.Render("a/f", "b/f", before, after).ShouldBe(expected.StandardOutput.TrimEnd('\n'));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Equal_texts_have_no_diff()
    {
        UnifiedDiff.Render("a/f", "b/f", Lines(1, 2), Lines(1, 2)).ShouldBeEmpty();
    }
}
