using EdgeBuild.Engine;
using EdgeBuild.Packaging;
using EdgeBuild.Releasing;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("GitHub token for Release and BumpVersions (contents: write to publish)."), Secret] public string? GithubToken;
    [Parameter("GitHub repository owner/name to publish to (GitHub Actions sets GITHUB_REPOSITORY).")] public string? GithubRepository;
    [Parameter("GitHub REST API root (GitHub Enterprise: https://host/api/v3/; tests: a loopback server).")] public string? GithubApiUrl;
    [Parameter("Tag of the release (default: v<release-version>).")] public string? ReleaseTag;

    /// <summary>Publishes the board's bundle, sidecar, SBOM, manifest and SHA256SUMS as the GitHub release of a tag.</summary>
    Target Release => _ => _
        .Description("Creates or updates the GitHub release of the tag and uploads bundle, sidecar, SBOM, manifest and SHA256SUMS (same-named assets replaced); --dry-run prints the plan.")
        .Executes(async ct =>
        {
            if (!DryRun && string.IsNullOrEmpty(GithubToken))
                throw new BuildException("Release needs --github-token (or GITHUB_TOKEN) with contents: write; --dry-run shows the plan without one.");
            var identity = await ReleaseIdentity.ResolveAsync(ReleaseVersion, SourceDateEpoch, RootDirectory, ct);
            var assets = ReleaseAssets.Collect(BoardArtifacts, Board, identity.Version, TemporaryDirectory / "release");
            var (owner, repository) = GitHubApi.Repository(GithubRepository);
            var outcome = await ReleasePublisher.PublishAsync(GitHubApi.Connect(GithubApiUrl, GithubToken), new ReleaseRequest
            {
                Owner = owner, Repository = repository, Tag = ReleaseTag ?? $"v{identity.Version}",
                Title = $"{identity.Version} ({Board})", Manifest = assets.Manifest, ManifestAssetName = assets.ManifestAssetName,
                Assets = assets.Files, Prerelease = identity.Version.Contains('-'),
            }, DryRun, ct);
            foreach (var action in outcome.Actions) Log.Information(DryRun ? $"would {action}" : action);
            Summary.Note(DryRun ? $"dry run: {outcome.Actions.Count} action(s)" : $"{outcome.Url}");
        });
}
