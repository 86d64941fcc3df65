using EdgeBuild.Tooling;
using System.Collections.Concurrent;
using EdgeBuild.Engine;
using EdgeBuild.Pins;

namespace EdgeBuild.Fetching;

/// <summary>A pinned file that is neither in --sources-dir nor in the cache.</summary>
public sealed record MissingSource(string Component, string FileName, string Sha256, string PutItIn);

/// <summary>
/// Gets pinned files, sha256-verified, looking in order at --sources-dir (files by upstream name), the cache
/// (downloads/&lt;sha256&gt;/&lt;name&gt;), the primary URLs and the mirrors. A file is fetched by one caller at a
/// time (in this process and across processes); different files in parallel.
/// </summary>
public sealed class SourceFetcher(AbsolutePath downloadsDirectory, AbsolutePath? sourcesDirectory, bool offline)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcess = new();

    /// <summary>Retries per URL after a transient failure.</summary>
    public int RetryAttempts { get; init; } = 4;
    /// <summary>Delay before the first retry; doubles each time.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where <paramref name="file"/> lives in the cache.</summary>
    public AbsolutePath CachePath(PinFile file) => downloadsDirectory / file.Sha256 / file.FileName;

    /// <summary>The verified local path of <paramref name="file"/> of <paramref name="pin"/>, downloading it when needed.</summary>
    public async Task<string> FetchAsync(Pin pin, PinFile file, CancellationToken ct)
    {
        if (await FromSourcesDirectoryAsync(pin, file, ct) is { } local) return local;
        var cached = CachePath(file);
        var gate = InProcess.GetOrAdd(cached, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            using var fileLock = await FileLock.AcquireAsync(cached + ".lock", ct);
            if (cached.FileExists())
            {
                if (await FileHash.Sha256Async(cached, ct) == file.Sha256) return cached;
                Log.Warning($"Cached {cached} does not match its sha256 {file.Sha256}; deleting it and fetching again.");
                File.Delete(cached);
            }
            if (offline) throw new BuildException(MissingMessage([Missing(pin, file)]));
            await DownloadAsync(pin, file, cached, ct);
            return cached;
        }
        finally { gate.Release(); }
    }

    /// <summary>Fetches every file in parallel; offline, first fails listing every missing file at once.</summary>
    public async Task<IReadOnlyList<string>> FetchAllAsync(IEnumerable<(Pin Pin, PinFile File)> files, CancellationToken ct)
    {
        var list = files.ToList();
        if (offline)
        {
            var missing = FindMissing(list);
            if (missing.Count > 0) throw new BuildException(MissingMessage(missing));
        }
        return await Task.WhenAll(list.Select(f => FetchAsync(f.Pin, f.File, ct)));
    }

    /// <summary>The files found neither in --sources-dir nor in the cache (presence only; hashes are checked when fetched).</summary>
    public IReadOnlyList<MissingSource> FindMissing(IEnumerable<(Pin Pin, PinFile File)> files) =>
        files.Where(f => !(sourcesDirectory is { } dir && (dir / f.File.FileName).FileExists()) && !CachePath(f.File).FileExists())
            .Select(f => Missing(f.Pin, f.File)).ToList();

    private MissingSource Missing(Pin pin, PinFile file) =>
        new(pin.Name, file.FileName, file.Sha256, sourcesDirectory is { } dir ? dir / file.FileName : CachePath(file));

    private static string MissingMessage(IReadOnlyList<MissingSource> missing) =>
        $"--offline: {missing.Count} source file(s) are missing; put each at the path shown (or pass --sources-dir DIR holding them by name), or drop --offline:\n" +
        string.Join("\n", missing.Select(m => $"  {m.Component}: {m.FileName}  sha256 {m.Sha256}\n      -> {m.PutItIn}"));

    private async Task<string?> FromSourcesDirectoryAsync(Pin pin, PinFile file, CancellationToken ct)
    {
        if (sourcesDirectory is null || !(sourcesDirectory / file.FileName).FileExists()) return null;
        var path = sourcesDirectory / file.FileName;
        var actual = await FileHash.Sha256Async(path, ct);
        // The user's mirror is never deleted: a wrong file there is theirs to replace.
        if (actual != file.Sha256)
            throw new BuildException($"{path} (--sources-dir) is not {pin.Name} {pin.Version}'s {file.FileName}: sha256 {actual}, expected {file.Sha256} ({file.HashSource ?? pin.Origin}). Replace or remove it." + file.PlaceholderHint(pin.Name));
        return path;
    }

    private async Task DownloadAsync(Pin pin, PinFile file, AbsolutePath cached, CancellationToken ct)
    {
        var urls = file.Urls.Concat(file.Mirrors).ToList();
        if (urls.Count == 0)
            throw new BuildException($"{pin.Name} {file.FileName} has no URL in {pin.Origin} and is not in the cache ({cached}) or --sources-dir; put it there.");
        var partial = cached + ".part";
        var downloader = new HttpDownloader(RetryAttempts, RetryDelay);
        var failures = new List<string>();
        foreach (var url in urls)
        {
            try
            {
                Log.Information($"Downloading {url}");
                await downloader.DownloadAsync(url, partial, file.FileName, ct);
            }
            catch (Exception e) when (e is PermanentHttpException or TransientHttpException or HttpRequestException or IOException or TimeoutException)
            {
                failures.Add($"  {url}: {e.Message}");
                Log.Warning($"{url} failed: {e.Message}{(url != urls[^1] ? "; trying the next URL" : "")}");
                File.Delete(partial);
                continue;
            }
            var actual = await FileHash.Sha256Async(partial, ct);
            if (actual != file.Sha256)
            {
                File.Delete(partial);
                throw new BuildException($"sha256 mismatch for {file.FileName} from {url}: expected {file.Sha256} ({file.HashSource ?? pin.Origin}), got {actual}. The download was deleted. " +
                    "If upstream re-rolled the file, check its published checksum and update the pin." + file.PlaceholderHint(pin.Name));
            }
            File.Move(partial, cached, overwrite: true);
            Summary.Note($"downloaded {file.FileName}");
            return;
        }
        throw new BuildException($"Could not download {pin.Name} {file.FileName} from any of {urls.Count} URL(s):\n{string.Join("\n", failures)}\n" +
            (file.HasRecordedHash ? $"Put the file (sha256 {file.Sha256}) into --sources-dir or at {cached}, or add a mirror with --pins." : file.PlaceholderHint(pin.Name).Trim()));
    }
}
