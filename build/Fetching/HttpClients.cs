using System.Net;

namespace EdgeBuild.Fetching;

/// <summary>Every HTTP client of the build: one connection pool, the edge-build User-Agent, and idempotent requests retried by <see cref="HttpRetry"/>.</summary>
public static class HttpClients
{
    /// <summary>The connection pool every client shares (no decompression: downloads are hashed as served).</summary>
    internal static readonly SocketsHttpHandler Sockets = new()
    {
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    private static readonly RetryingHttpHandler Retrying = new(Sockets, HttpRetry.Responses(attempts: 3, firstDelay: TimeSpan.FromSeconds(1)));

    /// <summary>A client whose GET and HEAD requests are retried on transient failures; dispose it freely, the pool stays.</summary>
    public static HttpClient Create() => WithUserAgent(new HttpClient(Retrying, disposeHandler: false));

    /// <summary>A client without its own retries, for callers that retry whole attempts themselves (the resuming downloader).</summary>
    internal static HttpClient CreateUnretried() => WithUserAgent(new HttpClient(Sockets, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>
    /// A handler over the shared pool and retries for clients that build their own HttpClient (Octokit); disposing it
    /// leaves the shared handler alive.
    /// </summary>
    public static HttpMessageHandler SharedHandler() => new SharedHandlerView(Retrying);

    private sealed class SharedHandlerView(HttpMessageHandler shared) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(shared, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);
    }

    private static HttpClient WithUserAgent(HttpClient client)
    {
        client.DefaultRequestHeaders.UserAgent.ParseAdd("edge-build");
        return client;
    }
}
