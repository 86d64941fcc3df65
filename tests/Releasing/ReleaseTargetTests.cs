using EdgeBuild.Packaging;
using EdgeBuild.Tests.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Releasing;

/// <summary>Runs the Release target in-process against <see cref="FakeGitHub"/>.</summary>
[Collection("packaging targets")]
[Trait("Tier", "Fast")]
public class ReleaseTargetTests
{
    private static PackageManifest Manifest(string version, string busybox) => new()
    {
        Kind = "bundle", Board = "rk3568", Version = version, Commit = "0123456789abcdef0123", SourceDateEpoch = 1700000000,
        Components =
        [
            new PackageComponent { Name = "busybox", Version = busybox, License = "GPL-2.0-only", Changes = ["patches/busybox/0001-x.patch (Upstream: no)"] },
            new PackageComponent { Name = "docker-static", Version = "18.09.2", License = "Apache-2.0" },
        ],
    };

    /// <summary>artifacts/rk3568 as Sidecar and BundleRk3568 leave it for version 1.2.3.</summary>
    private static string[] Arrange(TempDirectory dir, FakeGitHub github, string sidecarContent = "sidecar v1", params string[] extra)
    {
        dir.Write("artifacts/rk3568/bundle-1.2.3/manifest.json", Manifest("1.2.3", "1.37.0").ToJson());
        dir.Write("artifacts/rk3568/bundle-1.2.3/sbom.spdx.json", "{\"spdxVersion\":\"SPDX-2.3\"}\n");
        dir.Write("artifacts/rk3568/bundle-1.2.3.tar.gz", "bundle bytes");
        dir.Write("artifacts/rk3568/sidecar-rk3568-1.2.3.tar.gz", sidecarContent);
        return ["Release", "--artifacts", dir["artifacts"], "--release-version", "1.2.3", "--github-api-url", github.ApiUrl,
            "--github-repository", "edge/build", .. extra];
    }

    private static Task<(int Code, string Output)> RunAsync(string[] args) => Task.Run(() => SidecarTargetTests.RunBuild(args));

    [Fact(Timeout = 120000)]
    public async Task Release_creates_the_tags_release_with_every_asset_and_notes_from_the_manifest()
    {
        // Arrange
        using var dir = new TempDirectory();
        using var github = new FakeGitHub();

        // Act
        var (code, output) = await RunAsync(Arrange(dir, github, extra: ["--github-token", "ghp_testtoken123"]));

        // Assert
        code.ShouldBe(0, output);
        var release = github.Releases.Single();
        release.Tag.ShouldBe("v1.2.3");
        release.Assets.Select(a => a.Name).Order().ShouldBe(["SHA256SUMS", "bundle-rk3568-1.2.3.tar.gz", "manifest-rk3568.json", "sbom-rk3568-1.2.3.spdx.json", "sidecar-rk3568-1.2.3.tar.gz"]);
        System.Text.Encoding.UTF8.GetString(release.Assets.Single(a => a.Name == "SHA256SUMS").Data).ShouldContain("  sidecar-rk3568-1.2.3.tar.gz\n");
        release.Body.ShouldContain("| busybox | 1.37.0 | GPL-2.0-only | patches/busybox/0001-x.patch (Upstream: no) |");
        output.ShouldNotContain("ghp_testtoken123");
    }

    [Fact(Timeout = 120000)]
    public async Task A_rerun_replaces_same_named_assets_and_updates_the_release()
    {
        // Arrange
        using var dir = new TempDirectory();
        using var github = new FakeGitHub();
        (await RunAsync(Arrange(dir, github, "sidecar v1", "--github-token", "ghp_testtoken123"))).Code.ShouldBe(0);

        // Act
        var (code, output) = await RunAsync(Arrange(dir, github, "sidecar v2", "--github-token", "ghp_testtoken123"));

        // Assert
        code.ShouldBe(0, output);
        var release = github.Releases.Single();
        release.Assets.Count.ShouldBe(5);
        System.Text.Encoding.UTF8.GetString(release.Assets.Single(a => a.Name == "sidecar-rk3568-1.2.3.tar.gz").Data).ShouldBe("sidecar v2");
        github.Requests.Count(r => r.StartsWith("DELETE ")).ShouldBe(5);
        github.Requests.ShouldContain(r => r.StartsWith("PATCH "));
    }

    [Fact(Timeout = 120000)]
    public async Task Notes_list_component_changes_since_the_previous_release()
    {
        // Arrange
        using var dir = new TempDirectory();
        using var github = new FakeGitHub();
        github.AddRelease("edge", "build", "v1.2.2", created: DateTime.UtcNow.AddDays(-7),
            assets: github.Asset("manifest-rk3568.json", Manifest("1.2.2", "1.36.1").ToJson()));

        // Act
        var (code, output) = await RunAsync(Arrange(dir, github, extra: ["--github-token", "ghp_testtoken123"]));

        // Assert
        code.ShouldBe(0, output);
        var body = github.Releases.Single(r => r.Tag == "v1.2.3").Body!;
        body.ShouldContain("## Changes since v1.2.2");
        body.ShouldContain("- busybox: 1.36.1 → 1.37.0");
        body.ShouldNotContain("docker-static:");
    }

    [Fact(Timeout = 120000)]
    public async Task The_github_token_goes_to_the_api_host_only_never_to_the_host_serving_asset_downloads()
    {
        // Arrange: a second loopback server plays GitHub's storage host (another origin); the API redirects downloads there.
        using var dir = new TempDirectory();
        using var github = new FakeGitHub();
        using var storage = new FakeGitHub();
        github.AssetStorage = storage.Url + "files/";
        storage.Files["manifest-rk3568.json"] = System.Text.Encoding.UTF8.GetBytes(Manifest("1.2.2", "1.36.1").ToJson());
        github.AddRelease("edge", "build", "v1.2.2", created: DateTime.UtcNow.AddDays(-7),
            assets: github.Asset("manifest-rk3568.json", "served by the storage host, not here"));

        // Act
        var (code, output) = await RunAsync(Arrange(dir, github, extra: ["--github-token", "ghp_testtoken123"]));

        // Assert
        code.ShouldBe(0, output);
        storage.Requests.ShouldBe(["GET /files/manifest-rk3568.json"]);
        storage.AuthorizedRequests.ShouldBeEmpty();
        github.AuthorizedRequests.ShouldContain(r => r.StartsWith("GET /api/v3/repos/edge/build/releases/assets/"));
        github.Releases.Single(r => r.Tag == "v1.2.3").Body!.ShouldContain("- busybox: 1.36.1 → 1.37.0");
    }

    [Fact(Timeout = 120000)]
    public async Task A_plain_http_api_url_on_another_host_gets_no_token()
    {
        using var dir = new TempDirectory();
        using var github = new FakeGitHub();
        string[] args = [.. Arrange(dir, github, extra: ["--github-token", "ghp_testtoken123"]).Select(a => a == github.ApiUrl ? "http://github.example.invalid/api/v3/" : a)];

        var (code, output) = await RunAsync(args);

        code.ShouldNotBe(0);
        output.ShouldContain("--github-api-url http://github.example.invalid/api/v3/ is not https; the GitHub token is only sent over https");
    }

    [Fact(Timeout = 120000)]
    public async Task Release_refuses_a_sidecar_and_bundle_that_hold_the_cloud_token()
    {
        // Arrange: Sidecar --embed-cloud-token marks its manifest (and so the bundle's).
        using var dir = new TempDirectory();
        using var github = new FakeGitHub();
        var args = Arrange(dir, github, extra: ["--github-token", "ghp_testtoken123"]);
        dir.Write("artifacts/rk3568/sidecar-rk3568-1.2.3.manifest.json", (Manifest("1.2.3", "1.37.0") with
        {
            Kind = "sidecar", Parameters = new SortedDictionary<string, string> { ["cloud-token"] = "embedded" },
        }).ToJson());

        // Act
        var (code, output) = await RunAsync(args);

        // Assert
        code.ShouldNotBe(0);
        output.ShouldContain("Release refuses to publish sidecar-rk3568-1.2.3.tar.gz and bundle-rk3568-1.2.3.tar.gz: they hold the cloud token (built with --embed-cloud-token); rebuild Sidecar and BundleRk3568 without it.");
        github.Requests.ShouldBeEmpty();
    }

    [Fact(Timeout = 120000)]
    public async Task Dry_run_reads_but_changes_nothing_and_says_what_it_would_do()
    {
        // Arrange
        using var dir = new TempDirectory();
        using var github = new FakeGitHub();

        // Act
        var (code, output) = await RunAsync(Arrange(dir, github, extra: ["--dry-run"]));

        // Assert
        code.ShouldBe(0, output);
        output.ShouldContain("would create release v1.2.3 on edge/build");
        output.ShouldContain("would upload bundle-rk3568-1.2.3.tar.gz (12 bytes)");
        github.Releases.ShouldBeEmpty();
        github.Requests.ShouldAllBe(r => r.StartsWith("GET "));
    }

    [Fact(Timeout = 120000)]
    public async Task A_rate_limit_is_reported_with_when_it_resets_and_what_to_do()
    {
        using var dir = new TempDirectory();
        using var github = new FakeGitHub { RateLimited = true };

        var (code, output) = await RunAsync(Arrange(dir, github, extra: ["--github-token", "ghp_testtoken123"]));

        code.ShouldNotBe(0);
        output.ShouldContain("GitHub rate limit reached while trying to read release v1.2.3 of edge/build: 0/60 requests left, resets at");
    }

    [Fact(Timeout = 120000)]
    public async Task Bad_credentials_are_reported_without_printing_the_token()
    {
        using var dir = new TempDirectory();
        using var github = new FakeGitHub { RequiredToken = "the-right-token" };

        var (code, output) = await RunAsync(Arrange(dir, github, extra: ["--github-token", "ghp_wrongtoken456"]));

        code.ShouldNotBe(0);
        output.ShouldContain("GitHub refused the credentials");
        output.ShouldNotContain("ghp_wrongtoken456");
        github.Releases.ShouldBeEmpty();
    }

    [Fact(Timeout = 120000)]
    public async Task Without_a_token_only_a_dry_run_is_allowed()
    {
        using var dir = new TempDirectory();
        using var github = new FakeGitHub();

        var (code, output) = await RunAsync(Arrange(dir, github));

        code.ShouldNotBe(0);
        output.ShouldContain("Release needs --github-token");
        github.Requests.ShouldBeEmpty();
    }
}
