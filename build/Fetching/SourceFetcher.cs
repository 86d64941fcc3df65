using EdgeBuild.Tooling;
using System.Collections.Concurrent;
using EdgeBuild.Pins;
using EdgeBuild.Reporting;

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
    /// <summary>Where hashes of pins that carry none are recorded on first download (null: such pins fail).</summary>
    public PinLock? Lock { get; init; }
    /// <summary>Refuse pins whose hash is recorded nowhere (--locked, CI): only recorded bytes are built.</summary>
    public bool Locked { get; init; }

    /// <summary>Where <paramref name="file"/> lives in the cache.</summary>
    public AbsolutePath CachePath(PinFile file) => downloadsDirectory / file.Sha256 / file.FileName;

    /// <summary>The verified local path of <paramref name="file"/> of <paramref name="pin"/>, downloading it when needed.</summary>
    public async Task<string> FetchAsync(Pin pin, PinFile file, CancellationToken ct)
    {
        file = Lock?.Apply(pin.Name, file) ?? file;
        if (!file.HasRecordedHash) return await FirstUseAsync(pin, file, ct);
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
                BuildReport.Current.Warning($"Cached {cached} does not match its sha256 {file.Sha256}; deleting it and fetching again.");
                File.Delete(cached);
            }
            if (offline) throw new BuildException(MissingMessage([Missing(pin, file)]));
            await DownloadAsync(pin, file, cached, ct);
            return cached;
        }
        finally { gate.Release(); }
    }

    // A pin with no hash anywhere: download once, record what arrived, and say loudly that it must be committed.
    private async Task<string> FirstUseAsync(Pin pin, PinFile file, CancellationToken ct)
    {
        if (Locked || Lock is null)
            throw new BuildException($"{pin.Name} {file.FileName}: no sha256 recorded{(Lock is null ? "" : $" in {Lock.Path}")}, and " +
                (Locked ? "--locked (or CI=true) builds only recorded bytes." : "no lock file records first-use hashes.") + file.PlaceholderHint(pin.Name) +
                (Locked ? " Or run once without --locked (`--locked false` under CI) where upstream is reachable, check the recorded hash and commit the lock file." : ""));
        var gate = InProcess.GetOrAdd(CachePath(file), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // Another fetch of the same file may have recorded it while this one waited.
            if (Lock.Apply(pin.Name, file) is { HasRecordedHash: true } recorded) return await FetchAsync(pin, recorded, ct);
            if (offline) throw new BuildException(MissingMessage([Missing(pin, file)]) + "\n" + file.PlaceholderHint(pin.Name).Trim());
            var staging = downloadsDirectory / "first-use" / file.FileName;
            Directory.CreateDirectory(Path.GetDirectoryName(staging)!);
            var (url, sha256) = await DownloadAsync(pin, file, staging, ct);
            var cached = CachePath(file with { Sha256 = sha256 });
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            File.Move(staging, cached, overwrite: true);
            await Lock.RecordAsync(new PinLockEntry(pin.Name, file.FileName, url, sha256, DateTime.UtcNow.ToString("yyyy-MM-dd")), ct);
            var banner = new string('!', 78);
            BuildReport.Current.Warning($"{banner}\nFIRST USE: {pin.Name} {file.FileName} had no recorded sha256.\n  downloaded from {url}\n  sha256 {sha256}\n" +
                $"  recorded in {Lock.Path}: check it against a trusted source and COMMIT that file; every later fetch verifies against it.\n{banner}");
            BuildReport.Current.Note($"recorded first-use sha256 of {file.FileName}: commit {Path.GetFileName(Lock.Path)}");
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

    // Downloads into cached (verified when the pin has a hash); returns the URL that served it and its sha256.
    private async Task<(string Url, string Sha256)> DownloadAsync(Pin pin, PinFile file, AbsolutePath cached, CancellationToken ct)
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
                BuildReport.Current.Information($"Downloading {url}");
                await downloader.DownloadAsync(url, partial, file.FileName, ct);
            }
            catch (Exception e) when (e is PermanentHttpException or TransientHttpException or HttpRequestException or IOException or TimeoutException)
            {
                failures.Add($"  {url}: {e.Message}");
                BuildReport.Current.Warning($"{url} failed: {e.Message}{(url != urls[^1] ? "; trying the next URL" : "")}");
                File.Delete(partial);
                continue;
            }
            var actual = await FileHash.Sha256Async(partial, ct);
            if (file.HasRecordedHash && actual != file.Sha256)
            {
                File.Delete(partial);
                throw new BuildException($"sha256 mismatch for {file.FileName} from {url}: expected {file.Sha256} ({file.HashSource ?? pin.Origin}), got {actual}. The download was deleted. " +
                    "If upstream re-rolled the file, check its published checksum and update the pin." + file.PlaceholderHint(pin.Name));
            }
            File.Move(partial, cached, overwrite: true);
            BuildReport.Current.Note($"downloaded {file.FileName}");
            return (url, actual);
        }
        throw new BuildException($"Could not download {pin.Name} {file.FileName} from any of {urls.Count} URL(s):\n{string.Join("\n", failures)}\n" +
            (file.HasRecordedHash ? $"Put the file (sha256 {file.Sha256}) into --sources-dir or at {cached}, or add a mirror with --pins." : file.PlaceholderHint(pin.Name).Trim()));
    }
}
