using EdgeBuild.Fetching;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EdgeBuild.Packaging;
using EdgeBuild.Releasing;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Releasing;

/// <summary>BumpVersions for components without a GitHub upstream: the versions come from their download listing.</summary>
[Trait("Tier", "Fast")]
public class ReleaseListingTests
{
    [Fact(Timeout = 120000)]
    public async Task A_pin_with_a_release_listing_moves_to_the_newest_listed_version_with_its_computed_sha256()
    {
        // Arrange: an Apache-style index with older, newer, signature and checksum files.
        using var dir = new TempDirectory();
        using var upstream = new FakeGitHub();
        upstream.Files["index"] = Encoding.UTF8.GetBytes("""
            <a href="tool-1.1.0.tar.bz2">tool-1.1.0.tar.bz2</a>
            <a href="tool-1.2.0.tar.bz2">tool-1.2.0.tar.bz2</a> <a href="tool-1.2.0.tar.bz2.sig">sig</a>
            <a href="tool-1.10.0.tar.bz2.sha256">sha256 of a release whose tarball is not up yet</a>
            <a href="tool-1.0.9.tar.bz2">tool-1.0.9.tar.bz2</a>
            """);
        var tarball = Encoding.UTF8.GetBytes("tool 1.2.0 source");
        upstream.Files["tool-1.2.0.tar.bz2"] = tarball;
        var pins = Directory.CreateDirectory(dir["pins"]).FullName;
        WriteListingPin(pins, "tool", $"{upstream.Url}files/index", upstream);
        using var http = HttpClients.Create();
        var bumper = Bumper(dir, upstream, http);

        // Act
        var result = (await bumper.RunAsync(pins, [], dryRun: false, CancellationToken.None)).Single();

        // Assert
        result.NewVersion.ShouldBe("1.2.0", result.Note);
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(pins, "tool.json")))!["files"]![0]!;
        file["fileName"]!.GetValue<string>().ShouldBe("tool-1.2.0.tar.bz2");
        file["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(tarball)));
        result.Diff.ShouldNotBeNull().ShouldMatch(@"\+\s+""version"": ""1\.2\.0""");
    }

    [Fact(Timeout = 60000)]
    public async Task An_unreachable_upstream_fails_only_its_own_component_and_the_others_go_on()
    {
        // Arrange: "gone" lists at a closed loopback port, "tool" at a server that answers.
        using var dir = new TempDirectory();
        using var upstream = new FakeGitHub();
        upstream.Files["index"] = Encoding.UTF8.GetBytes("""<a href="tool-1.2.0.tar.bz2">tool-1.2.0.tar.bz2</a>""");
        var pins = Directory.CreateDirectory(dir["pins"]).FullName;
        var closed = ClosedPort.Url();
        WriteListingPin(pins, "gone", $"{closed}index", upstream);
        WriteListingPin(pins, "tool", $"{upstream.Url}files/index", upstream);
        using var http = HttpClients.Create();
        var bumper = Bumper(dir, upstream, http);

        // Act
        var results = await bumper.RunAsync(pins, [], dryRun: true, CancellationToken.None);

        // Assert
        var gone = results.Single(r => r.Component == "gone");
        gone.Failure.ShouldNotBeNull().ShouldContain(new Uri(closed).Authority);
        gone.Failure.ShouldNotContain("Exception");
        results.Single(r => r.Component == "tool").NewVersion.ShouldBe("1.2.0");
    }

    [Fact(Timeout = 60000)]
    public async Task A_listing_that_is_not_there_names_its_url()
    {
        using var upstream = new FakeGitHub();
        using var http = HttpClients.Create();
        var e = await Should.ThrowAsync<EdgeBuild.Reporting.BuildException>(() =>
            ReleaseListing.VersionsAsync(http, $"{upstream.Url}files/missing", "x-([0-9.]+)", CancellationToken.None));
        e.Message.ShouldContain($"{upstream.Url}files/missing");
    }

    // A pin at version 1.1.0 whose newer versions are read from <paramref name="listing"/>.
    private static void WriteListingPin(string pins, string name, string listing, FakeGitHub upstream) =>
        File.WriteAllText(Path.Combine(pins, $"{name}.json"), $$"""
            { "name": "{{name}}", "version": "1.1.0", "license": "MIT",
              "files": [ { "fileName": "{{name}}-1.1.0.tar.bz2", "sha256": "{{new string('1', 64)}}", "urls": ["{{upstream.Url}}files/{{name}}-1.1.0.tar.bz2"] } ],
              "releaseListing": { "url": "{{listing}}", "pattern": "{{name}}-([0-9]+\\.[0-9]+\\.[0-9]+)\\.tar\\.bz2\"" } }
            """);

    private static PinBumper Bumper(TempDirectory dir, FakeGitHub upstream, HttpClient http) =>
        new(GitHubApi.Connect(upstream.ApiUrl, null), http, new CompatibilityRules(dir.Write("versions.json", """{ "series": [] }"""),
            DockerStaticFileSets.Load(Path.Combine(RepositoryRoot.Path, "targets", "docker-static-files.json"))), dir["downloads"]);
}
