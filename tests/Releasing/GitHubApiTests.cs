using EdgeBuild.Releasing;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Releasing;

[Trait("Tier", "Fast")]
public class GitHubApiTests
{
    [Fact(Timeout = 60000)]
    public async Task A_GitHub_hiccup_is_retried_by_the_builds_shared_http_handler()
    {
        using var github = new FakeGitHub();
        github.AddRelease("kubeedge", "kubeedge", "v1.9.1");
        github.UnavailableRequests = 1;

        var releases = await GitHubApi.Connect(github.ApiUrl, null).Repository.Release.GetAll("kubeedge", "kubeedge");

        releases.Select(r => r.TagName).ShouldBe(["v1.9.1"]);
        github.Requests.Count(r => r == "GET /api/v3/repos/kubeedge/kubeedge/releases").ShouldBe(2);
    }

    [Fact(Timeout = 60000)]
    public async Task The_token_goes_with_each_request_through_the_shared_handler()
    {
        using var github = new FakeGitHub { RequiredToken = "ghp_shared_handler_test_token" };
        github.AddRelease("kubeedge", "kubeedge", "v1.9.1");

        var release = await GitHubApi.Connect(github.ApiUrl, "ghp_shared_handler_test_token").Repository.Release.Get("kubeedge", "kubeedge", "v1.9.1");

        release.TagName.ShouldBe("v1.9.1");
        github.AuthorizedRequests.ShouldNotBeEmpty();
    }
}
