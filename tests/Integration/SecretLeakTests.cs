using System.Collections;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using EdgeBuild.Packaging;
using EdgeBuild.Tests.Packaging;
using EdgeBuild.Tests.Releasing;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Integration;

/// <summary>
/// Runs the targets that can run here with a cloud token (pasted with its newline) and a GitHub token in the environment,
/// and looks for any 6-character piece of either in everything the run printed, wrote under artifacts, or uploaded.
/// </summary>
[Collection("packaging targets")]
[Trait("Tier", "Integration")]
public class SecretLeakTests
{
    // No hex-only run of 6, so a piece can never match a sha256 by chance.
    private const string CloudToken = "Zq7KwXp.mRtVsNyLbQhJ.gUeWoPiRk_Tz-Ym";
    private const string GithubToken = "ghp_VqWxRzTyUkPoLmNjHgFdSaQwErTyUi";

    private static IEnumerable<string> Pieces(string secret) => Enumerable.Range(0, secret.Length - 5).Select(i => secret.Substring(i, 6));

    public static TheoryData<string> Runs => ["EdgecoreConfig", "EdgecoreConfig --dry-run", "Sidecar", "Sidecar --plan", "Release", "Release --dry-run"];

    [Theory(Timeout = 300000)]
    [MemberData(nameof(Runs))]
    public async Task No_piece_of_a_secret_appears_in_any_output_file_or_upload(string run)
    {
        // Arrange
        using var dir = new TempDirectory();
        using var github = new FakeGitHub();
        var environment = new Hashtable { ["CLOUD_TOKEN"] = CloudToken + "\n", ["GITHUB_TOKEN"] = GithubToken };
        var target = run.Split(' ')[0];
        string[] args = target switch
        {
            "EdgecoreConfig" => ["EdgecoreConfig", "--kubeedge-version", "1.9.1", "--cloudcore-address", "10.1.2.3", "--artifacts", dir["artifacts"]],
            "Sidecar" => ["Sidecar", .. await SidecarFixtureAsync(dir), "--kubeedge-version", "1.9.1", "--cloudcore-address", "10.1.2.3"],
            _ => ArrangeRelease(dir, github),
        };

        // Act
        var result = await Task.Run(() => BuildRunner.Run([.. args, .. run.Split(' ').Skip(1), "--verbosity", "verbose"], environment: environment));

        // Assert
        result.ExitCode.ShouldBe(0, result.Output);
        var texts = new Dictionary<string, string> { ["output"] = result.Output };
        foreach (var file in Directory.Exists(dir["artifacts"]) ? Directory.EnumerateFiles(dir["artifacts"], "*", SearchOption.AllDirectories) : [])
            foreach (var (name, text) in Contents(file, File.ReadAllBytes(file))) texts[name] = text;
        foreach (var asset in github.Releases.SelectMany(r => r.Assets))
            foreach (var (name, text) in Contents("upload " + asset.Name, asset.Data)) texts[name] = text;
        var leaks = texts.SelectMany(t => Pieces(CloudToken).Concat(Pieces(GithubToken)).Where(t.Value.Contains).Select(p => $"{t.Key}: '{p}'")).ToList();
        leaks.ShouldBeEmpty();
    }

    // A file's text, and each entry's text when it is gzip'd tar (the sidecar, the bundle).
    private static IEnumerable<(string Name, string Text)> Contents(string name, byte[] bytes)
    {
        yield return (name, Encoding.Latin1.GetString(bytes));
        if (bytes is not [0x1f, 0x8b, ..]) yield break;
        using var reader = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null) continue;
            var data = new MemoryStream();
            entry.DataStream.CopyTo(data);
            yield return ($"{name}!{entry.Name}", Encoding.Latin1.GetString(data.ToArray()));
        }
    }

    // Without the fixture's --edgecore-yaml, so this run's EdgecoreConfig writes the one the sidecar ships.
    private static async Task<List<string>> SidecarFixtureAsync(TempDirectory dir)
    {
        var fixture = (await SidecarTargetTests.FixtureArgumentsAsync(dir)).ToList();
        fixture.RemoveRange(fixture.IndexOf("--edgecore-yaml"), 2);
        return fixture;
    }

    private static string[] ArrangeRelease(TempDirectory dir, FakeGitHub github)
    {
        var manifest = new PackageManifest { Kind = "bundle", Board = "rk3568", Version = "1.2.3", SourceDateEpoch = 1700000000,
            Components = [new PackageComponent { Name = "busybox", Version = "1.37.0", License = "GPL-2.0-only" }] };
        dir.Write("artifacts/rk3568/bundle-1.2.3/manifest.json", manifest.ToJson());
        dir.Write("artifacts/rk3568/bundle-1.2.3/sbom.spdx.json", "{\"spdxVersion\":\"SPDX-2.3\"}\n");
        dir.Write("artifacts/rk3568/bundle-1.2.3.tar.gz", "bundle bytes");
        dir.Write("artifacts/rk3568/sidecar-rk3568-1.2.3.tar.gz", "sidecar bytes");
        github.AddRelease("edge", "build", "v1.2.2", created: DateTime.UtcNow.AddDays(-7), assets: github.Asset("manifest-rk3568.json", (manifest with { Version = "1.2.2" }).ToJson()));
        return ["Release", "--artifacts", dir["artifacts"], "--release-version", "1.2.3", "--github-api-url", github.ApiUrl, "--github-repository", "edge/build"];
    }
}
