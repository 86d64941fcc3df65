using EdgeBuild.OpenHarmony;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.OpenHarmony;

[Trait("Tier", "Fast")]
public class RepoProgressTests
{
    [Theory]
    [InlineData("Fetching:  45% (450/1000), done in 3.2s", "Fetching", 450, 1000)]
    [InlineData("Fetching projects:  12% (12/100)", "Fetching projects", 12, 100)]
    [InlineData("Checking out: 100% (1000/1000), done in 10s", "Checking out", 1000, 1000)]
    [InlineData("Syncing work tree:  50% (5/10)", "Syncing work tree", 5, 10)]
    public void Repo_progress_lines_give_projects_done_and_total(string line, string phase, int done, int total)
    {
        RepoProgress.Parse(line).ShouldBe((phase, done, total));
    }

    [Theory]
    [InlineData("From https://gitee.com/openharmony/build")]
    [InlineData(" * [new tag]         OpenHarmony-v3.1-Release -> OpenHarmony-v3.1-Release")]
    [InlineData("repo sync has finished successfully.")]
    public void Other_repo_output_is_not_progress(string line)
    {
        RepoProgress.Parse(line).ShouldBeNull();
    }
}
