using EdgeBuild.Fetching;
using System.Security.Cryptography;
using System.Text;
using EdgeBuild.Engine;
using EdgeBuild.Packaging;
using EdgeBuild.Pins;
using EdgeBuild.Releasing;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Releasing;

[Collection("packaging targets")]
[Trait("Tier", "Fast")]
public class BumpVersionsTests
{
    private const string VersionsJson = """
        { "series": [
          { "minor": "1.9", "runtime": "docker", "kubernetes": { "exact": ["1.16", "1.22"] } },
          { "minor": "1.10", "runtime": "docker", "kubernetes": { "exact": ["1.16", "1.22"] } },
          { "minor": "1.12", "runtime": "docker", "kubernetes": { "exact": ["1.20", "1.22"] } },
          { "minor": "1.14", "runtime": "remote" } ] }
        """;

    private static string KubeEdgePin(FakeGitHub github) => $$"""
        {
          "name": "kubeedge",
          "version": "1.9.1",
          "license": "Apache-2.0",
          "github": "kubeedge/kubeedge",
          "files": [
            {
              "fileName": "kubeedge-1.9.1.tar.gz",
              "sha256": "0000000000000000000000000000000000000000000000000000000000000000",
              "hashSource": "placeholder",
              "urls": ["{{github.Url}}files/kubeedge-1.9.1.tar.gz"]
            }
          ]
        }
        """;

    private static (TempDirectory Dir, FakeGitHub GitHub, string Pins, PinBumper Bumper, HttpClient Http) Arrange()
    {
        var dir = new TempDirectory();
        var github = new FakeGitHub();
        var pins = Directory.CreateDirectory(dir["pins"]).FullName;
        File.WriteAllText(Path.Combine(pins, "kubeedge.json"), KubeEdgePin(github));
        var versions = dir.Write("versions.json", VersionsJson);
        github.AddRelease("kubeedge", "kubeedge", "v1.9.1", created: DateTime.UtcNow.AddDays(-300));
        github.AddRelease("kubeedge", "kubeedge", "v1.10.3", created: DateTime.UtcNow.AddDays(-200));
        github.AddRelease("kubeedge", "kubeedge", "v1.14.0", created: DateTime.UtcNow.AddDays(-100));
        github.AddRelease("kubeedge", "kubeedge", "v1.15.0-beta.0", prerelease: true);
        github.AddRelease("kubeedge", "kubeedge", "v1.16.0", draft: true);
        github.Files["kubeedge-1.10.3.tar.gz"] = Encoding.UTF8.GetBytes("kubeedge 1.10.3 source");
        var http = HttpClients.Create();
        var sets = DockerStaticFileSets.Load(Path.Combine(RepositoryRoot.Path, "targets", "docker-static-files.json"));
        var bumper = new PinBumper(GitHubApi.Connect(github.ApiUrl, null), http, new CompatibilityRules(versions, sets), dir["downloads"]);
        return (dir, github, pins, bumper, http);
    }

    [Fact(Timeout = 120000)]
    public async Task Moves_to_the_newest_stable_release_the_data_allows_and_rewrites_the_pin_with_its_sha256()
    {
        // Arrange
        var (dir, github, pins, bumper, http) = Arrange();
        using var _ = dir; using var __ = github; using var ___ = http;

        // Act
        var result = (await bumper.RunAsync(pins, [], dryRun: false, CancellationToken.None)).Single();

        // Assert
        result.NewVersion.ShouldBe("1.10.3");
        result.Refused.Single().ShouldStartWith("1.14.0: KubeEdge 1.14's edge runtime is 'remote'");
        var pin = PinSet.Load(pins)["kubeedge"];
        pin.Version.ShouldBe("1.10.3");
        pin.Files.Single().FileName.ShouldBe("kubeedge-1.10.3.tar.gz");
        pin.Files.Single().Urls.Single().ShouldBe($"{github.Url}files/kubeedge-1.10.3.tar.gz");
        pin.Files.Single().Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(github.Files["kubeedge-1.10.3.tar.gz"])));
        pin.Files.Single().HashSource.ShouldStartWith("computed locally on ");
        result.Diff.ShouldNotBeNull().ShouldContain("-  \"version\": \"1.9.1\",");
        result.Diff.ShouldContain("+  \"version\": \"1.10.3\",");
    }

    [Fact(Timeout = 120000)]
    public async Task Dry_run_prints_the_diff_and_writes_and_downloads_nothing()
    {
        // Arrange
        var (dir, github, pins, bumper, http) = Arrange();
        using var _ = dir; using var __ = github; using var ___ = http;
        var before = File.ReadAllText(Path.Combine(pins, "kubeedge.json"));

        // Act
        var result = (await bumper.RunAsync(pins, [], dryRun: true, CancellationToken.None)).Single();

        // Assert
        result.NewVersion.ShouldBe("1.10.3");
        result.Diff.ShouldNotBeNull().ShouldContain("+  \"version\": \"1.10.3\",");
        File.ReadAllText(Path.Combine(pins, "kubeedge.json")).ShouldBe(before);
        github.Requests.ShouldNotContain(r => r.StartsWith("GET /files/"));
    }

    [Fact(Timeout = 120000)]
    public async Task A_rate_limit_is_a_clear_error_and_the_pin_stays_as_it_was()
    {
        // Arrange
        var (dir, github, pins, bumper, http) = Arrange();
        using var _ = dir; using var __ = github; using var ___ = http;
        github.RateLimited = true;
        var before = File.ReadAllText(Path.Combine(pins, "kubeedge.json"));

        // Act
        var result = (await bumper.RunAsync(pins, [], dryRun: false, CancellationToken.None)).Single();

        // Assert
        result.Failure.ShouldNotBeNull();
        result.Failure.ShouldContain("GitHub rate limit reached while trying to list releases of kubeedge/kubeedge");
        result.Failure.ShouldContain("give --github-token");
        File.ReadAllText(Path.Combine(pins, "kubeedge.json")).ShouldBe(before);
    }

    [Fact(Timeout = 120000)]
    public async Task An_unknown_component_name_lists_the_known_ones()
    {
        var (dir, github, pins, bumper, http) = Arrange();
        using var _ = dir; using var __ = github; using var ___ = http;

        var error = await Should.ThrowAsync<BuildException>(() => bumper.RunAsync(pins, ["kubedge"], dryRun: true, CancellationToken.None));

        error.Message.ShouldContain("No pins named kubedge");
        error.Message.ShouldContain("known: kubeedge");
    }

    [Theory]
    [InlineData("docker-static", "17.03.2", true)]
    [InlineData("docker-static", "20.10.24", false)]
    [InlineData("kubeedge", "1.11.0", true)]
    [InlineData("kubeedge", "1.14.2", true)]
    [InlineData("kubeedge", "1.9.5", false)]
    [InlineData("kubeedge", "1.12.7", true)]
    public void Compatibility_rules_come_from_the_data(string component, string version, bool refused)
    {
        // The cloud runs Kubernetes 1.18: inside 1.9's matrix range, outside 1.12's.
        using var dir = new TempDirectory();
        var rules = new CompatibilityRules(dir.Write("versions.json", VersionsJson),
            DockerStaticFileSets.Load(Path.Combine(RepositoryRoot.Path, "targets", "docker-static-files.json")), kubernetesVersion: "1.18.4");

        (rules.Refusal(component, version) is not null).ShouldBe(refused);
    }

    [Fact(Timeout = 120000)]
    public async Task The_BumpVersions_target_dry_run_talks_to_the_given_api_and_changes_no_pin()
    {
        // Arrange: the repository's own pins; the loopback GitHub knows moby/moby
        using var github = new FakeGitHub();
        github.AddRelease("moby", "moby", "v18.09.2", created: DateTime.UtcNow.AddDays(-900));
        github.AddRelease("moby", "moby", "v20.10.24", created: DateTime.UtcNow.AddDays(-400));
        var pinFile = Path.Combine(RepositoryRoot.Path, "targets", "pins", "docker-static.json");
        var before = File.ReadAllText(pinFile);

        // Act
        var (code, output) = await Task.Run(() => Packaging.SidecarTargetTests.RunBuild(
            "BumpVersions", "--dry-run", "--bump-components", "docker-static", "--github-api-url", github.ApiUrl));

        // Assert
        code.ShouldBe(0, output);
        output.ShouldContain("docker-static: 18.09.2 → 20.10.24 (dry run, nothing written)");
        output.ShouldContain("docker-20.10.24.tgz");
        File.ReadAllText(pinFile).ShouldBe(before);
    }

    [Fact(Timeout = 120000)]
    public async Task The_BumpVersions_target_names_each_failed_lookup_with_its_reason_and_fails_at_the_end()
    {
        // Arrange: the GitHub API at a closed loopback port (as without network), two GitHub-hosted components.
        var api = ClosedPort.Url();

        // Act
        var (code, output) = await Task.Run(() => Packaging.SidecarTargetTests.RunBuild(
            "BumpVersions", "--dry-run", "--bump-components", "docker-static", "kubeedge", "--github-api-url", api));

        // Assert
        code.ShouldBe(1, output);
        output.ShouldContain("error: docker-static 18.09.2: lookup failed:");
        output.ShouldMatch(@"error: kubeedge [0-9.]+: lookup failed:");
        output.ShouldContain("2 of 2 lookups failed (docker-static, kubeedge)");
        output.ShouldNotContain("Exception");
    }
}
