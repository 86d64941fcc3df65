using EdgeBuild.Tests.KubeEdge.Fixtures;
using EdgeBuild.Tests.OpenHarmony;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>KubeSource from git, checked against the recorded commit: a local bare repository with a tag stands in for GitHub.</summary>
[Trait("Tier", "Fast")]
public sealed class KubeEdgeGitSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    private static void Git(string directory, params string[] args)
    {
        var (code, output, error) = Packaging.Processes.RunAsync("git", ["-C", directory, "-c", "user.name=t", "-c", "user.email=t@example.org", .. args]).GetAwaiter().GetResult();
        code.ShouldBe(0, $"git {string.Join(' ', args)}: {System.Text.Encoding.UTF8.GetString(output)}{error}");
    }

    private static string Head(string directory) =>
        Packaging.Processes.TextAsync("git", ["-C", directory, "rev-parse", "HEAD"]).GetAwaiter().GetResult().Trim();

    // A KubeEdge-shaped tree with two commits; v1.9.1 tags the first; both pushed to a bare "upstream".
    private (string Bare, string Work, string Tagged, string Later) Upstream()
    {
        var work = _dir["work"];
        KubeEdgeFixtureTree.Write(work, RuncVariant.Rc95, EdgedForm.EdgedConstants);
        Git(work, "init", "--quiet", "-b", "main");
        Git(work, "add", "-A");
        Git(work, "commit", "--quiet", "-m", "release");
        var tagged = Head(work);
        Git(work, "tag", "v1.9.1");
        File.AppendAllText(Path.Combine(work, "go.mod"), "// later\n");
        Git(work, "commit", "--quiet", "-am", "later");
        var later = Head(work);
        Git(_dir.Path, "init", "--quiet", "--bare", "upstream.git");
        Git(work, "push", "--quiet", _dir["upstream.git"], "main", "v1.9.1");
        return (_dir["upstream.git"], work, tagged, later);
    }

    private string Pins(string bare, string commit) => _dir.Write($"pins-{commit[..7]}.json", $$"""
        { "kubeedge": { "git": { "url": "file://{{bare}}", "tag": "v1.9.1", "commit": "{{commit}}", "commitSource": "test upstream" } } }
        """);

    [Fact(Timeout = 120000)]
    public async Task A_clone_of_the_tag_at_the_recorded_commit_is_used_and_a_moved_tag_fails_naming_both_ids()
    {
        await Task.Yield();
        // Arrange
        var (bare, work, tagged, later) = Upstream();
        using var right = new EngineRun();
        using var moved = new EngineRun();

        // Act
        var ok = right.Run("KubeEdgeSource", "--kubeedge-git", "--pins", Pins(bare, tagged));
        Git(work, "tag", "-f", "v1.9.1", later);
        Git(work, "push", "--quiet", "--force", bare, "v1.9.1");
        var failed = moved.Run("KubeEdgeSource", "--kubeedge-git", "--pins", Pins(bare, tagged));

        // Assert
        ok.ExitCode.ShouldBe(0, ok.Output);
        ok.Output.ShouldContain($"commit {tagged}");
        failed.ExitCode.ShouldNotBe(0);
        failed.Output.ShouldContain($"is commit {later}, but the recorded commit is {tagged}");
        Directory.Exists(moved.Root / ".nuke" / "temp" / "work" / "kubeedge-1.9.1-git").ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    public async Task A_kubeedge_source_checkout_at_another_commit_or_with_changes_warns_and_still_builds()
    {
        await Task.Yield();
        // Arrange
        var (bare, work, tagged, later) = Upstream();
        File.AppendAllText(Path.Combine(work, "go.mod"), "// local edit\n");
        using var run = new EngineRun();

        // Act
        var result = run.Run("KubeEdgeSource", "--kubeedge-source", work, "--pins", Pins(bare, tagged));

        // Assert
        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain($"is at commit {later}, not v1.9.1's recorded commit {tagged}");
        result.Output.ShouldContain("1 locally changed file(s)");
    }

    [Fact]
    public void Every_KubeEdge_version_the_data_knows_has_a_recorded_tag_commit()
    {
        var catalog = Repository.Catalog;
        foreach (var version in catalog.Series.Select(s => s.Newest).Append("1.9.1").Append("1.23.1"))
            catalog.TagCommit(Version.Parse(version)).ShouldNotBeNull($"versions.json tagCommits lacks {version}").Length.ShouldBe(40);
    }
}
