using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeBuild.Tooling;
using Octokit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Releasing;

/// <summary>The outcome for one pinned component; <paramref name="Failure"/> says why its lookup failed (the others still ran).</summary>
public sealed record BumpResult(string Component, string OldVersion, string? NewVersion, IReadOnlyList<string> Refused, string? Diff, string? Note, string? Failure = null);

/// <summary>
/// Finds the newest stable GitHub release of each pinned component (repository from the pin's "github" field or its
/// github.com URLs), skips versions the compatibility data refuses, downloads the new files, computes their sha256
/// and rewrites the pins file (or, with dry run, prints what it would write).
/// </summary>
public sealed class PinBumper(GitHubClient client, HttpClient http, CompatibilityRules rules, string downloadDirectory)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Bumps each pins file in <paramref name="pinsDirectory"/> (only <paramref name="only"/> when given).</summary>
    public async Task<IReadOnlyList<BumpResult>> RunAsync(string pinsDirectory, IReadOnlyCollection<string> only, bool dryRun, CancellationToken ct)
    {
        var results = new List<BumpResult>();
        foreach (var file in Directory.GetFiles(pinsDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file, ct);
            var pin = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
            var name = pin["name"]?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(file);
            if (only.Count > 0 && !only.Contains(name)) continue;
            try { results.Add(await BumpAsync(file, text, pin, name, dryRun, ct)); }
            // One unreachable upstream must not hide what the other components' upstreams say.
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                BuildReport.Current.Debug(e.ToString());
                results.Add(new BumpResult(name, pin["version"]?.ToString() ?? "?", null, [], null, null, ErrorText.Describe(e)));
            }
        }
        var unknown = only.Except(results.Select(r => r.Component)).ToList();
        if (unknown.Count > 0) throw new BuildException($"No pins named {string.Join(", ", unknown)} in {pinsDirectory}; known: {string.Join(", ", Directory.GetFiles(pinsDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).Order())}.");
        return results;
    }

    private async Task<BumpResult> BumpAsync(string file, string text, JsonObject pin, string name, bool dryRun, CancellationToken ct)
    {
        var old = pin["version"]!.GetValue<string>();
        var found = await StableVersionsAsync(pin, ct);
        if (found is null)
            return new BumpResult(name, old, null, [], null, "no upstream to ask (no \"github\" field, no github.com URL, no \"releaseListing\")");
        var (stable, source) = found.Value;
        var current = ParseVersion(old);
        var refused = new List<string>();
        foreach (var (candidate, parsed) in stable)
        {
            if (current is not null && parsed <= current) break;
            if (rules.Refusal(name, candidate) is { } why) { refused.Add($"{candidate}: {why}"); continue; }
            var bumped = await RewriteAsync(pin.DeepClone().AsObject(), old, candidate, dryRun, ct);
            var after = bumped.ToJsonString(Indented) + "\n";
            if (!dryRun) Files.WriteAtomically(file, after);
            return new BumpResult(name, old, candidate, refused, TextDiff.Unified($"a/{Path.GetFileName(file)}", $"b/{Path.GetFileName(file)}", text, after), null);
        }
        return new BumpResult(name, old, null, refused, null, stable.Count == 0 ? $"no stable release on {source}" : "already the newest allowed");
    }

    /// <summary>Stable versions, newest first, from GitHub releases or the pin's download listing; null when the pin names neither.</summary>
    private async Task<(IReadOnlyList<(string Text, Version Parsed)> Stable, string Source)?> StableVersionsAsync(JsonObject pin, CancellationToken ct)
    {
        if (GitHubRepositoryOf(pin) is var (owner, repo))
        {
            var releases = await GitHubApi.CallAsync($"list releases of {owner}/{repo}", () => client.Repository.Release.GetAll(owner, repo, new ApiOptions { PageSize = 100, PageCount = 1 }));
            return ([.. releases.Where(r => !r.Draft && !r.Prerelease).Select(r => VersionOf(r.TagName)).OfType<(string, Version)>()
                .OrderByDescending(v => v.Item2)], $"{owner}/{repo}");
        }
        if (pin["releaseListing"] is JsonObject listing)
            return (await ReleaseListing.VersionsAsync(http, listing["url"]!.GetValue<string>(), listing["pattern"]!.GetValue<string>(), ct),
                listing["url"]!.GetValue<string>());
        return null;
    }

    // Every file's name and URLs carry the version; the hash is computed from the new download.
    private async Task<JsonObject> RewriteAsync(JsonObject pin, string old, string version, bool dryRun, CancellationToken ct)
    {
        pin["version"] = version;
        foreach (var file in pin["files"]?.AsArray() ?? [])
        {
            var entry = file!.AsObject();
            entry["fileName"] = entry["fileName"]!.GetValue<string>().Replace(old, version);
            foreach (var list in new[] { "urls", "mirrors" })
                if (entry[list] is JsonArray urls)
                    entry[list] = new JsonArray([.. urls.Select(u => (JsonNode)JsonValue.Create(u!.GetValue<string>().Replace(old, version))!)]);
            var url = entry["urls"]?.AsArray().FirstOrDefault()?.GetValue<string>()
                ?? throw new BuildException($"Pin file entry {entry["fileName"]} has no URL to download the new version from.");
            if (dryRun)
            {
                entry["sha256"] = "(computed from the download without --dry-run)";
                entry["hashSource"] = $"computed locally on {DateTime.UtcNow:yyyy-MM-dd} from {url}";
                continue;
            }
            entry["sha256"] = await DownloadSha256Async(url, entry["fileName"]!.GetValue<string>(), ct);
            entry["hashSource"] = $"computed locally on {DateTime.UtcNow:yyyy-MM-dd} from {url}";
        }
        return pin;
    }

    private async Task<string> DownloadSha256Async(string url, string fileName, CancellationToken ct)
    {
        Directory.CreateDirectory(downloadDirectory);
        var target = Path.Combine(downloadDirectory, fileName);
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) throw new BuildException($"Downloading {url} failed: {(int)response.StatusCode} {response.ReasonPhrase}. Is the release missing this file?");
        await using (var body = await response.Content.ReadAsStreamAsync(ct))
            Files.WriteAtomically(target, stream => body.CopyTo(stream));
        return await Tooling.FileHash.Sha256Async(target, ct);
    }

    /// <summary>owner/name from the pin's "github" field or the first github.com URL.</summary>
    public static (string Owner, string Name)? GitHubRepositoryOf(JsonObject pin)
    {
        if (pin["github"]?.GetValue<string>() is { } explicitRepo) return GitHubApi.Repository(explicitRepo);
        var urls = (pin["files"]?.AsArray() ?? []).SelectMany(f => f!["urls"]?.AsArray() ?? []).Select(u => u!.GetValue<string>());
        foreach (var url in urls)
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == "github.com" && uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var owner, var name, ..])
                return (owner, name);
        return null;
    }

    // Tags like v1.9.1, docker-v29.0.0 or 1.37.0; anything with a pre-release suffix is not stable.
    private static (string, Version)? VersionOf(string tag)
    {
        var start = tag.IndexOfAny("0123456789".ToCharArray());
        if (start < 0) return null;
        var text = tag[start..];
        return text.Contains('-') || ParseVersion(text) is not { } parsed ? null : (text, parsed);
    }

    private static Version? ParseVersion(string text) =>
        Version.TryParse(text.Count(c => c == '.') == 0 ? text + ".0" : text, out var v) ? v : null;
}
