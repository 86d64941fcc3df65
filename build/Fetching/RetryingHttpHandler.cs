using Polly;

namespace EdgeBuild.Fetching;

/// <summary>Sends idempotent requests (GET, HEAD) through a retry pipeline; others go once, since sending them again could repeat their effect.</summary>
public sealed class RetryingHttpHandler(HttpMessageHandler inner, ResiliencePipeline<HttpResponseMessage> retry) : DelegatingHandler(inner)
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
            ? retry.ExecuteAsync(token => new ValueTask<HttpResponseMessage>(base.SendAsync(request, token)), ct).AsTask()
            : base.SendAsync(request, ct);
}
