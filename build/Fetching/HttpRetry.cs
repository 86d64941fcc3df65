using System.Net;
using Polly;
using Polly.Retry;
using EdgeBuild.Reporting;

namespace EdgeBuild.Fetching;

/// <summary>The one retry rule for HTTP: transient answers (5xx, 408, 429) and network errors, exponential backoff with jitter.</summary>
public static class HttpRetry
{
    /// <summary>True for answers worth asking again (5xx, 408, 429).</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 429 or >= 500;

    /// <summary>Retries a whole attempt (the downloader's, which resumes from its partial file) on transient failures.</summary>
    public static ResiliencePipeline Attempts(int attempts, TimeSpan firstDelay) => new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
    {
        ShouldHandle = new PredicateBuilder().Handle<TransientHttpException>().Handle<HttpRequestException>().Handle<IOException>()
            .Handle<TimeoutException>(),
        MaxRetryAttempts = attempts,
        Delay = firstDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        OnRetry = args =>
        {
            BuildReport.Current.Warning($"Download interrupted ({args.Outcome.Exception?.Message}); retry {args.AttemptNumber + 1} of {attempts} in {args.RetryDelay.TotalSeconds:0.0} s");
            return ValueTask.CompletedTask;
        },
    }).Build();

    /// <summary>Retries one request-response exchange; the last answer, transient or not, is what the caller gets.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Responses(int attempts, TimeSpan firstDelay) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().Handle<IOException>()
                .Handle<TimeoutException>().HandleResult(r => IsTransient(r.StatusCode)),
            MaxRetryAttempts = attempts,
            Delay = firstDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                var why = args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}";
                BuildReport.Current.Warning($"Request failed ({why}); retry {args.AttemptNumber + 1} of {attempts} in {args.RetryDelay.TotalSeconds:0.0} s");
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            },
        }).Build();
}
