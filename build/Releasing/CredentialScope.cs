namespace EdgeBuild.Releasing;

/// <summary>
/// Where the GitHub token may go: the API's origin and GitHub's upload origin, over https. Plain http is allowed only
/// when both the API root and the target are loopback (the test servers); every other host, an asset's
/// browser_download_url among them, gets no credentials.
/// </summary>
public static class CredentialScope
{
    private const string GitHubApiHost = "api.github.com";
    private const string GitHubUploadHost = "uploads.github.com";

    /// <summary>True when a request to <paramref name="target"/> may carry the token meant for <paramref name="apiRoot"/>.</summary>
    public static bool MaySend(Uri target, Uri apiRoot)
    {
        var secure = target.Scheme == Uri.UriSchemeHttps && apiRoot.Scheme == Uri.UriSchemeHttps;
        var loopbackTest = target.Scheme == Uri.UriSchemeHttp && target.IsLoopback && apiRoot.IsLoopback;
        if (!secure && !loopbackTest) return false;
        if (SameOrigin(target, apiRoot)) return true;
        return secure && apiRoot.Host == GitHubApiHost && target.Host == GitHubUploadHost && target.Port == 443;
    }

    /// <summary>Fails, naming the URL and what to do, when the API root itself may not receive the token.</summary>
    public static Uri CheckedApiRoot(string apiUrl)
    {
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var root))
            throw new Reporting.BuildException($"--github-api-url '{apiUrl}' is not an absolute URL; give https://host/api/v3/ (or leave it out for github.com).");
        if (root.Scheme != Uri.UriSchemeHttps && !(root.Scheme == Uri.UriSchemeHttp && root.IsLoopback))
            throw new Reporting.BuildException($"--github-api-url {apiUrl} is not https; the GitHub token is only sent over https (plain http only to a loopback test server).");
        return root;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
