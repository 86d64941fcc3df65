using EdgeBuild.Engine;
using EdgeBuild.Fetching;
using EdgeBuild.Packaging;
using EdgeBuild.Releasing;
using EdgeBuild.Reporting;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("GitHub token for Release and BumpVersions (contents: write to publish).", BareEnvironment = true), Secret] public readonly string? GithubToken;
    [Parameter("GitHub repository owner/name to publish to (GitHub Actions sets GITHUB_REPOSITORY).", BareEnvironment = true)] public readonly string? GithubRepository;
    [Parameter("GitHub REST API root (GitHub Enterprise: https://host/api/v3/; tests: a loopback server).", BareEnvironment = true)] public readonly string? GithubApiUrl;
    [Parameter("Tag of the release (default: v<release-version>).")] public readonly string? ReleaseTag;
    [Parameter("Components BumpVersions looks at (default: every pin; those with no upstream to ask are reported).")] public readonly string[] BumpComponents = [];

    /// <summary>Publishes the board's bundle, sidecar, SBOM, manifest and SHA256SUMS as the GitHub release of a tag.</summary>
    Target Release => _ => _
        .Description("Creates or updates the GitHub release of the tag and uploads bundle, sidecar, SBOM, manifest and SHA256SUMS (same-named assets replaced); --dry-run prints the plan.")
        .Executes(async ct =>
        {
            if (!DryRun && string.IsNullOrEmpty(GithubToken))
                throw new BuildException("Release needs --github-token (or GITHUB_TOKEN) with contents: write; --dry-run shows the plan without one.");
            var identity = Context.Identity;
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

    /// <summary>Moves pins to the newest stable upstream release the compatibility data allows.</summary>
    Target BumpVersions => _ => _
        .Description("Newest stable upstream release per pinned component (GitHub releases, or the pin's download listing), refused when the data says it does not work; downloads it, computes sha256, rewrites targets/pins (diff printed; --dry-run writes nothing).")
        .Executes(async ct =>
        {
            using var http = HttpClients.Create();
            var rules = new CompatibilityRules(TargetsDirectory / "kubeedge" / "versions.json", DockerStaticFileSets.Load(TargetsDirectory / "docker-static-files.json"));
            var bumper = new PinBumper(GitHubApi.Connect(GithubApiUrl, GithubToken), http, rules, DownloadsDirectory);
            var results = await bumper.RunAsync(TargetsDirectory / "pins", BumpComponents, DryRun, ct);
            foreach (var r in results)
            {
                if (r.Failure is not null) { Log.Error($"{r.Component} {r.OldVersion}: lookup failed: {r.Failure}"); continue; }
                foreach (var refusal in r.Refused) Log.Warning($"{r.Component}: not moving to {refusal}");
                if (r.NewVersion is null) { Log.Information($"{r.Component} {r.OldVersion}: {r.Note}"); continue; }
                Log.Information($"{r.Component}: {r.OldVersion} → {r.NewVersion}{(DryRun ? " (dry run, nothing written)" : "")}\n{r.Diff}");
            }
            Summary.Note(string.Join(", ", results.Where(r => r.NewVersion is not null).Select(r => $"{r.Component} {r.OldVersion}→{r.NewVersion}")) is { Length: > 0 } moved ? moved : "no pin moved");
            if (results.Where(r => r.Failure is not null).Select(r => r.Component).ToList() is { Count: > 0 } failed)
                throw new BuildException($"{failed.Count} of {results.Count} lookups failed ({string.Join(", ", failed)}); each is named above with its reason. Check the network (or --github-api-url / --pins mirrors) and run again.");
        });
}
