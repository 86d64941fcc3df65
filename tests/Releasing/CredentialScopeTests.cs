using EdgeBuild.Releasing;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Releasing;

[Trait("Tier", "Fast")]
public class CredentialScopeTests
{
    [Theory]
    [InlineData("https://api.github.com/repos/o/r/releases/assets/1", "https://api.github.com/", true)]
    [InlineData("https://uploads.github.com/repos/o/r/releases/1/assets", "https://api.github.com/", true)]
    [InlineData("https://objects.githubusercontent.com/x", "https://api.github.com/", false)]
    [InlineData("https://github.com/o/r/releases/download/v1/m.json", "https://api.github.com/", false)]
    [InlineData("http://api.github.com/repos/o/r", "https://api.github.com/", false)]
    [InlineData("https://ghe.example.com/api/uploads/x", "https://ghe.example.com/api/v3/", true)]
    [InlineData("https://ghe.example.com:8443/api/v3/x", "https://ghe.example.com/api/v3/", false)]
    [InlineData("http://127.0.0.1:5000/api/v3/x", "http://127.0.0.1:5000/api/v3/", true)]
    [InlineData("http://127.0.0.1:5001/files/x", "http://127.0.0.1:5000/api/v3/", false)]
    [InlineData("http://10.0.0.5/api/v3/x", "http://10.0.0.5/api/v3/", false)]
    public void The_token_goes_only_to_the_api_and_upload_origins_over_https_or_to_a_loopback_test_server(string target, string api, bool allowed) =>
        CredentialScope.MaySend(new Uri(target), new Uri(api)).ShouldBe(allowed);
}
