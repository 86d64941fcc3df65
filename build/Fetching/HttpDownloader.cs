using System.Net;
using System.Net.Http.Headers;
using Polly;
using EdgeBuild.Reporting;

namespace EdgeBuild.Fetching;

/// <summary>An HTTP answer that is not worth retrying at this URL (404, 403...): the next URL is tried.</summary>
public sealed class PermanentHttpException(string message) : Exception(message);

/// <summary>An HTTP answer worth retrying (5xx, 408, 429).</summary>
public sealed class TransientHttpException(string message) : Exception(message);

/// <summary>
/// Downloads one URL into a partial file: transient failures are retried with exponential backoff, and each
/// retry resumes from the bytes already on disk with a Range request when the server honours it.
/// </summary>
public sealed class HttpDownloader
{
    // Retries are whole attempts here (each resumes from the partial file), so the client itself does not retry.
    private static readonly HttpClient SharedClient = HttpClients.CreateUnretried();

    private readonly ResiliencePipeline _retry;

    /// <summary>Creates a downloader retrying <paramref name="attempts"/> times, first after <paramref name="firstDelay"/>, doubling.</summary>
    public HttpDownloader(int attempts, TimeSpan firstDelay)
    {
        _retry = HttpRetry.Attempts(attempts, firstDelay);
    }

    /// <summary>Downloads <paramref name="url"/> into <paramref name="partialFile"/>, resuming what it already holds.</summary>
    public Task DownloadAsync(string url, string partialFile, string label, CancellationToken ct) =>
        _retry.ExecuteAsync(async token => await AttemptAsync(url, partialFile, label, token), ct).AsTask();

    private static async Task AttemptAsync(string url, string partialFile, string label, CancellationToken ct)
    {
        var have = File.Exists(partialFile) ? new FileInfo(partialFile).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = await SharedClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var status = (int)response.StatusCode;
        if (HttpRetry.IsTransient(response.StatusCode)) throw new TransientHttpException($"HTTP {status} {response.ReasonPhrase} from {url}");
        if (status == 416 && have > 0)
        {
            // The partial file is already complete (or longer than the resource): start over once, cleanly.
            File.Delete(partialFile);
            throw new TransientHttpException($"HTTP 416 for a resume of {url}; starting over");
        }
        if (!response.IsSuccessStatusCode) throw new PermanentHttpException($"HTTP {status} {response.ReasonPhrase}");

        var resumed = response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == have;
        if (have > 0 && !resumed) BuildReport.Current.Debug($"{url} ignored the Range request; downloading from the start");
        var offset = resumed ? have : 0;
        var total = response.Content.Headers.ContentLength is { } length ? length + offset : (long?)null;
        using var progress = Progress.Start(label, total);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await using var file = new FileStream(partialFile, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        var done = offset;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            done += read;
            progress.Report(done);
        }
        BuildReport.Current.Information($"{label}: {Progress.Size(done - offset)} in {clock.Elapsed.TotalSeconds:0.0} s ({Progress.Size((done - offset) / Math.Max(clock.Elapsed.TotalSeconds, 0.001))}/s){(offset > 0 ? $", resumed at {Progress.Size(offset)}" : "")}");
        if (total is { } expected && done != expected)
            throw new IOException($"{url} ended after {done} of {expected} bytes");
    }
}
