using System.Text.RegularExpressions;
using EdgeBuild.Reporting;

namespace EdgeBuild.Releasing;

/// <summary>Versions named in an upstream download listing (busybox.net/downloads, kernel.org, netfilter.org file indexes).</summary>
public static class ReleaseListing
{
    /// <summary>Every version <paramref name="pattern"/>'s first group matches in the page at <paramref name="url"/>, newest first.</summary>
    public static async Task<IReadOnlyList<(string Text, Version Parsed)>> VersionsAsync(HttpClient http, string url, string pattern, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        if (!response.IsSuccessStatusCode)
            throw new BuildException($"Release listing {url} answered {(int)response.StatusCode} {response.ReasonPhrase}; check the pin's releaseListing.url.");
        var page = await response.Content.ReadAsStringAsync(ct);
        return [.. Regex.Matches(page, pattern).Select(m => m.Groups[1].Value).Distinct()
            .Select(v => (Text: v, Parsed: Version.TryParse(v, out var parsed) ? parsed : null))
            .Where(v => v.Parsed is not null).Select(v => (v.Text, v.Parsed!))
            .OrderByDescending(v => v.Item2)];
    }
}
