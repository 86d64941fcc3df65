using Octokit;
using EdgeBuild.Fetching;
using EdgeBuild.Reporting;

namespace EdgeBuild.Releasing;

/// <summary>Octokit clients for github.com or another API root (GitHub Enterprise, a test server), and errors that say what to do.</summary>
public static class GitHubApi
{
    /// <summary>github.com's REST API root.</summary>
    public const string DefaultApiUrl = "https://api.github.com/";

    /// <summary>A client for <paramref name="apiUrl"/>; with a token when one is given (the token is registered as a secret).</summary>
    public static GitHubClient Connect(string? apiUrl, string? token)
    {
        // Through the build's shared pool and retries, like every other HTTP client (a GitHub 502/503 is retried).
        var connection = new Connection(new ProductHeaderValue("edge-build"), new Uri(apiUrl ?? DefaultApiUrl),
            new Octokit.Internal.InMemoryCredentialStore(Credentials.Anonymous), new Octokit.Internal.HttpClientAdapter(HttpClients.SharedHandler),
            new Octokit.Internal.SimpleJsonSerializer());
        var client = new GitHubClient(connection);
        if (!string.IsNullOrEmpty(token))
        {
            Secrets.Register(token);
            CredentialScope.CheckedApiRoot(apiUrl ?? DefaultApiUrl);
            client.Credentials = new Credentials(token);
        }
        return client;
    }

    /// <summary>"owner/name" split, failing with the expected form.</summary>
    public static (string Owner, string Name) Repository(string? slug)
    {
        var parts = (slug ?? "").Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0) ? (parts[0], parts[1])
            : throw new BuildException($"GitHub repository '{slug}' is not owner/name; give --github-repository owner/name (GitHub Actions sets GITHUB_REPOSITORY).");
    }

    /// <summary>Runs <paramref name="call"/>, turning GitHub's rate-limit, auth and other API errors into messages that say what to do.</summary>
    public static async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try { return await call(); }
        catch (RateLimitExceededException e)
        {
            throw new BuildException($"GitHub rate limit reached while trying to {what}: {e.Remaining}/{e.Limit} requests left, resets at {e.Reset:u}. " +
                "Wait until then, or give --github-token (authenticated requests get a far higher limit).");
        }
        catch (AuthorizationException e)
        {
            throw new BuildException($"GitHub refused the credentials while trying to {what} ({(int)e.StatusCode}: {e.Message}). " +
                "Check --github-token (GITHUB_TOKEN): it must be valid and allowed to write releases (contents: write).");
        }
        catch (ForbiddenException e)
        {
            throw new BuildException($"GitHub forbade it while trying to {what} ({e.Message}). The token lacks permission (contents: write) or the repository is archived.");
        }
        catch (ApiException e) when (e is not NotFoundException)
        {
            throw new BuildException($"GitHub API error while trying to {what}: {(int)e.StatusCode} {e.Message}");
        }
    }
}
