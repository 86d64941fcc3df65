using EdgeBuild.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

[Trait("Tier", "Fast")]
public class SourceDateEpochTests
{
    [Fact(Timeout = 60000)]
    public async Task Defaults_to_the_last_commit_time_of_the_repository()
    {
        // Arrange
        using var repo = new TempDirectory();
        repo.Write("f", "x");
        await Processes.TextAsync("git", ["-C", repo.Path, "init", "-q"]);
        await Processes.TextAsync("git", ["-C", repo.Path, "add", "f"]);
        var env = "GIT_COMMITTER_DATE=@1600000000 +0000";
        await Processes.TextAsync("env", [env, "git", "-C", repo.Path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x"]);

        // Act
        var epoch = await SourceDateEpoch.ResolveAsync(null, repo.Path, CancellationToken.None);

        // Assert
        epoch.ShouldBe(1600000000);
    }

    [Fact(Timeout = 60000)]
    public async Task An_explicit_value_wins_and_garbage_is_refused()
    {
        (await SourceDateEpoch.ResolveAsync("1234", "/nonexistent", CancellationToken.None)).ShouldBe(1234);
        await Should.ThrowAsync<EdgeBuild.Reporting.BuildException>(() => SourceDateEpoch.ResolveAsync("yesterday", "/nonexistent", CancellationToken.None));
    }
}
