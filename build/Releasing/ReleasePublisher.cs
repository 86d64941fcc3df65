using EdgeBuild.Fetching;
using EdgeBuild.Packaging;
using Octokit;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Releasing;

/// <summary>One file to attach to the release, under the name it gets there.</summary>
public sealed record ReleaseAssetFile(string Name, string Path);

/// <summary>What to publish: where, under which tag, which files, and the manifest the notes come from.</summary>
public sealed record ReleaseRequest
{
    /// <summary>Repository owner.</summary>
    public required string Owner { get; init; }
    /// <summary>Repository name.</summary>
    public required string Repository { get; init; }
    /// <summary>Git tag of the release (v1.2.3).</summary>
    public required string Tag { get; init; }
    /// <summary>Release title.</summary>
    public required string Title { get; init; }
    /// <summary>The bundle manifest: notes and, as an asset, the next release's baseline.</summary>
    public required PackageManifest Manifest { get; init; }
    /// <summary>Name of the manifest asset, looked up on the previous release to list changes.</summary>
    public required string ManifestAssetName { get; init; }
    /// <summary>Files to attach; same-named assets already there are replaced.</summary>
    public IReadOnlyList<ReleaseAssetFile> Assets { get; init; } = [];
    /// <summary>Marks the release as a pre-release (tags with a '-' suffix).</summary>
    public bool Prerelease { get; init; }
}

/// <summary>What was (or, with --dry-run, would be) done.</summary>
public sealed record ReleaseOutcome(string? Url, IReadOnlyList<string> Actions);

/// <summary>Creates or updates the GitHub release of a tag and uploads its assets, replacing same-named ones, so re-runs are safe.</summary>
public static class ReleasePublisher
{
    /// <summary>Publishes <paramref name="request"/>; with <paramref name="dryRun"/> only reads from GitHub and reports the actions.</summary>
    public static async Task<ReleaseOutcome> PublishAsync(GitHubClient client, ReleaseRequest request, bool dryRun, CancellationToken ct)
    {
        var (owner, repo) = (request.Owner, request.Repository);
        foreach (var asset in request.Assets)
            if (!File.Exists(asset.Path)) throw new BuildException($"Release asset {asset.Path} does not exist; build it first (Bundle<Board>, Sidecar).");
        var actions = new List<string>();
        var existing = await GitHubApi.CallAsync($"read release {request.Tag} of {owner}/{repo}", () => FindAsync(client, owner, repo, request.Tag));
        var releases = await GitHubApi.CallAsync($"list releases of {owner}/{repo}", () => client.Repository.Release.GetAll(owner, repo));
        var (previous, previousTag) = await PreviousManifestAsync(client, releases, request, ct);
        var body = ReleaseNotes.Render(request.Manifest, previous, previousTag);

        Release? release = existing;
        if (existing is null)
        {
            actions.Add($"create release {request.Tag} on {owner}/{repo}");
            if (!dryRun)
                release = await GitHubApi.CallAsync($"create release {request.Tag}", () => client.Repository.Release.Create(owner, repo,
                    new NewRelease(request.Tag) { Name = request.Title, Body = body, Prerelease = request.Prerelease }));
        }
        else
        {
            actions.Add($"update release {request.Tag} on {owner}/{repo} (title, notes)");
            if (!dryRun)
                release = await GitHubApi.CallAsync($"update release {request.Tag}", () => client.Repository.Release.Edit(owner, repo, existing.Id,
                    new ReleaseUpdate { Name = request.Title, Body = body, Prerelease = request.Prerelease }));
        }

        if (!dryRun && release is not null && client.Credentials.AuthenticationType == AuthenticationType.Oauth
            && !CredentialScope.MaySend(new Uri(release.UploadUrl.Split('{')[0]), client.BaseAddress))
            throw new BuildException($"GitHub named {release.UploadUrl} as the upload address of {request.Tag}; it is neither the API's host nor GitHub's upload host over https, so the token is not sent there.");
        var present = existing is null ? [] : await GitHubApi.CallAsync($"list assets of {request.Tag}", () => client.Repository.Release.GetAllAssets(owner, repo, existing.Id));
        foreach (var asset in request.Assets)
        {
            var size = new FileInfo(asset.Path).Length;
            var old = present.FirstOrDefault(a => a.Name == asset.Name);
            actions.Add($"{(old is null ? "upload" : "replace")} {asset.Name} ({size} bytes)");
            if (dryRun) continue;
            if (old is not null)
                await GitHubApi.CallAsync($"delete the old {asset.Name}", async () => { await client.Repository.Release.DeleteAsset(owner, repo, old.Id); return 0; });
            await using var stream = File.OpenRead(asset.Path);
            await GitHubApi.CallAsync($"upload {asset.Name}", () => client.Repository.Release.UploadAsset(release!,
                new ReleaseAssetUpload(asset.Name, ContentType(asset.Name), stream, TimeSpan.FromMinutes(30)), ct));
        }
        return new ReleaseOutcome(release?.HtmlUrl, actions);
    }

    private static async Task<Release?> FindAsync(GitHubClient client, string owner, string repo, string tag)
    {
        try { return await client.Repository.Release.Get(owner, repo, tag); }
        catch (NotFoundException) { return null; }
    }

    // The newest other published release that carries a manifest for this board: the notes' baseline.
    private static async Task<(PackageManifest?, string?)> PreviousManifestAsync(GitHubClient client, IReadOnlyList<Release> releases, ReleaseRequest request, CancellationToken ct)
    {
        var candidate = releases.Where(r => r.TagName != request.Tag && !r.Draft)
            .OrderByDescending(r => r.PublishedAt ?? r.CreatedAt)
            .Select(r => (Release: r, Asset: r.Assets.FirstOrDefault(a => a.Name == request.ManifestAssetName)))
            .FirstOrDefault(x => x.Asset is not null);
        if (candidate.Asset is null) return (null, null);
        var (status, text) = await DownloadAssetAsync(client, candidate.Asset, ct);
        if (text is null)
        {
            BuildReport.Current.Warning($"Could not download {request.ManifestAssetName} of {candidate.Release.TagName} ({status}); the notes list no changes.");
            return (null, null);
        }
        try { return (PackageManifest.FromJson(text), candidate.Release.TagName); }
        catch (System.Text.Json.JsonException) { return (null, null); }
    }

    // With a token, through the asset's API URL (GitHub answers with a redirect to its storage, and HttpClient drops
    // Authorization on every redirect); the token never goes to browser_download_url, whichever host that names.
    private static async Task<(int Status, string? Text)> DownloadAssetAsync(GitHubClient client, ReleaseAsset asset, CancellationToken ct)
    {
        using var http = HttpClients.Create();
        var authorized = client.Credentials.AuthenticationType == AuthenticationType.Oauth
            && Uri.TryCreate(asset.Url, UriKind.Absolute, out var apiUrl) && CredentialScope.MaySend(apiUrl, client.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, authorized ? asset.Url : asset.BrowserDownloadUrl);
        if (authorized)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", client.Credentials.Password);
            request.Headers.Accept.ParseAdd("application/octet-stream");
        }
        using var response = await http.SendAsync(request, ct);
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : null);
    }

    private static string ContentType(string name) =>
        name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal) ? "application/gzip"
        : name.EndsWith(".json", StringComparison.Ordinal) ? "application/json"
        : "text/plain";
}
