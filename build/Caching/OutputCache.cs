using System.Security.Cryptography;
using System.Text.Json;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Caching;

/// <summary>
/// Targets' outputs stored under the hash of everything that determines them (Yocto's shared state): entries/&lt;key&gt;/
/// holds files/&lt;output&gt;/... and entry.json with each file's sha256. An entry is filled in tmp/ and renamed into place,
/// so a killed run never leaves an entry a later run trusts; a restore re-hashes every file and drops an entry that
/// does not match. Bounded by <paramref name="sizeLimit"/> bytes, least recently used evicted first.
/// </summary>
public sealed class OutputCache(AbsolutePath root, long sizeLimit)
{
    /// <summary>The default size limit: 5 GiB (a Docker static set is ~200 MB, the userland a few MB).</summary>
    public const long DefaultSizeLimit = 5L << 30;
    private const string EntryFile = "entry.json";
    private static readonly JsonSerializerOptions Json = Tooling.DataJson.Options;
    // Temp directories older than this belong to a run that died: removed when evicting.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(6);

    /// <summary>The cache directory.</summary>
    public AbsolutePath Root => root;
    private AbsolutePath Entries => root / "entries";
    private AbsolutePath Usage => root / "usage";
    private AbsolutePath Temp => root / "tmp";

    /// <summary>
    /// Copies <paramref name="outputs"/> (files, directories, symbolic links) into a new entry for <paramref name="key"/>.
    /// False (nothing stored) when an output is missing; a concurrent filler's finished entry wins over this one.
    /// </summary>
    public async Task<bool> StoreAsync(string key, string target, IReadOnlyList<string> outputs, string? extra, CancellationToken ct)
    {
        if (outputs.FirstOrDefault(o => !Exists(o)) is { } missing)
        {
            BuildReport.Current.Debug($"{target}: not stored in the output cache, {missing} does not exist");
            return false;
        }
        if ((Entries / key).DirectoryExists()) return true;
        var temp = Temp / $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        try
        {
            var files = new List<CachedFile>();
            for (var index = 0; index < outputs.Count; index++)
                foreach (var (source, relative) in Enumerate(outputs[index]))
                    files.Add(await CopyInAsync(source, index, relative, temp / "files" / index.ToString() / relative, ct));
            var entry = new CacheEntry(key, target, [.. outputs.Select(Path.GetFileName).Select(n => n ?? "")], files, extra, DateTime.UtcNow);
            Files.WriteAtomically(temp / EntryFile, JsonSerializer.Serialize(entry, Json));
            Entries.CreateDirectory();
            if ((Entries / key).DirectoryExists()) return true;
            try { Directory.Move(temp, Entries / key); }
            catch (IOException) when ((Entries / key).DirectoryExists()) { return true; } // another run stored the same key first
            Touch(key, hit: false);
            Evict(keep: key);
            return true;
        }
        finally { DeleteQuietly(temp); }
    }

    /// <summary>
    /// Restores <paramref name="key"/>'s entry onto <paramref name="outputs"/> (replacing what is there) after checking every
    /// file's sha256; null on a miss. A corrupted or half-written entry is dropped, logged, and counts as a miss.
    /// </summary>
    public async Task<CacheEntry?> TryRestoreAsync(string key, IReadOnlyList<string> outputs, CancellationToken ct)
    {
        var directory = Entries / key;
        if (!directory.DirectoryExists()) return null;
        var problem = await CheckAsync(directory, key, outputs, ct);
        if (problem is not null)
        {
            BuildReport.Current.Warning($"Output cache entry {key[..16]} dropped ({problem}); the target is rebuilt.");
            Drop(key);
            return null;
        }
        var entry = Read(directory)!;
        foreach (var output in outputs) Remove(output);
        foreach (var file in entry.Files)
        {
            var destination = file.Path.Length == 0 ? outputs[file.Output] : Path.Combine(outputs[file.Output], file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (file.LinkTarget is { } link) { File.CreateSymbolicLink(destination, link); continue; }
            var stored = StoredPath(directory, file);
            Files.WriteAtomically(destination, stream => { using var input = File.OpenRead(stored); input.CopyTo(stream); }, file.Mode);
        }
        Touch(key, hit: true);
        return entry;
    }

    /// <summary>Removes an entry (a corrupted one, or one whose restored outputs failed their check).</summary>
    public void Drop(string key)
    {
        // Renamed away first, so a concurrent reader sees the whole entry or none of it.
        var doomed = Temp.CreateDirectory() / $"{key}.dropped.{Guid.NewGuid():N}";
        try { Directory.Move(Entries / key, doomed); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        DeleteQuietly(doomed);
        if (Usage.DirectoryExists()) File.Delete(Usage / $"{key}.json");
    }

    /// <summary>Every readable entry with its size, last use and hit count, most recently used first.</summary>
    public IReadOnlyList<CacheEntryInfo> List()
    {
        if (!Entries.DirectoryExists()) return [];
        return Directory.GetDirectories(Entries).Select(d => Read(AbsolutePath.Create(d))).OfType<CacheEntry>()
            .Select(e => (Entry: e, Usage: ReadUsage(e)))
            .Select(e => new CacheEntryInfo(e.Entry.Key, e.Entry.Target, e.Entry.Files.Count, e.Entry.Size, e.Entry.Created, e.Usage.LastUsed, e.Usage.Hits))
            .OrderByDescending(i => i.LastUsed).ToList();
    }

    /// <summary>Removes least-recently-used entries until the total is within the size limit (never <paramref name="keep"/>), and abandoned temp directories.</summary>
    public void Evict(string? keep = null)
    {
        if (Temp.DirectoryExists())
            foreach (var stale in Directory.GetDirectories(Temp).Where(d => DateTime.UtcNow - Directory.GetLastWriteTimeUtc(d) > AbandonedAfter))
                DeleteQuietly(AbsolutePath.Create(stale));
        var entries = List();
        var total = entries.Sum(e => e.Size);
        foreach (var oldest in entries.Where(e => e.Key != keep).OrderBy(e => e.LastUsed))
        {
            if (total <= sizeLimit) break;
            BuildReport.Current.Debug($"Output cache: evicting {oldest.Target} {oldest.Key[..16]} ({oldest.Size} bytes, last used {oldest.LastUsed:u})");
            Drop(oldest.Key);
            total -= oldest.Size;
        }
    }

    /// <summary>Removes the whole cache.</summary>
    public void Clear() => DeleteQuietly(root);

    private async Task<string?> CheckAsync(AbsolutePath directory, string key, IReadOnlyList<string> outputs, CancellationToken ct)
    {
        var entry = Read(directory);
        if (entry is null) return $"{EntryFile} missing or unreadable: a half-written entry";
        if (entry.Key != key || entry.Outputs.Count != outputs.Count) return $"{EntryFile} describes another entry";
        foreach (var file in entry.Files)
        {
            var stored = StoredPath(directory, file);
            if (file.LinkTarget is not null) continue;
            if (!File.Exists(stored)) return $"{file.Path} missing";
            if (new FileInfo(stored).Length != file.Size) return $"{stored} has {new FileInfo(stored).Length} bytes, {file.Size} recorded";
            if (await Tooling.FileHash.Sha256Async(stored, ct) != file.Sha256) return $"{stored} does not match its recorded sha256";
        }
        return null;
    }

    private static AbsolutePath StoredPath(AbsolutePath directory, CachedFile file) => directory / "files" / file.Output.ToString() / file.Path;

    private static CacheEntry? Read(AbsolutePath directory)
    {
        try { return JsonSerializer.Deserialize<CacheEntry>(File.ReadAllText(directory / EntryFile), Json); }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { return null; }
    }

    private CacheUsage ReadUsage(CacheEntry entry)
    {
        try { return JsonSerializer.Deserialize<CacheUsage>(File.ReadAllText(Usage / $"{entry.Key}.json"), Json) ?? new(entry.Created, 0); }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { return new(entry.Created, 0); }
    }

    // Concurrent hits may lose an increment; the count is for CacheInfo, not for correctness.
    private void Touch(string key, bool hit)
    {
        var previous = Read(Entries / key) is { } entry ? ReadUsage(entry) : new CacheUsage(DateTime.UtcNow, 0);
        Files.WriteAtomically(Usage / $"{key}.json", JsonSerializer.Serialize(new CacheUsage(DateTime.UtcNow, previous.Hits + (hit ? 1 : 0)), Json));
    }

    private static async Task<CachedFile> CopyInAsync(string source, int output, string relative, AbsolutePath destination, CancellationToken ct)
    {
        destination.Parent.CreateDirectory();
        if (new FileInfo(source).LinkTarget is { } link)
            return new CachedFile(output, relative, "", 0, 0, link);
        await using (var input = File.OpenRead(source))
        await using (var copy = File.Create(destination))
            await input.CopyToAsync(copy, ct);
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(source);
        return new CachedFile(output, relative, await Tooling.FileHash.Sha256Async(destination, ct), new FileInfo(destination).Length, mode);
    }

    /// <summary>The files (and links) of an output with their paths inside it: a file is itself (""), a directory its tree.</summary>
    private static IEnumerable<(string Source, string Relative)> Enumerate(string output) =>
        Directory.Exists(output) && new DirectoryInfo(output).LinkTarget is null
            ? new DirectoryInfo(output).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Where(i => i is FileInfo || i.LinkTarget is not null)
                .Select(i => (i.FullName, Path.GetRelativePath(output, i.FullName).Replace('\\', '/')))
                .OrderBy(f => f.Item2, StringComparer.Ordinal)
            : [(output, "")];

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static void Remove(string path)
    {
        if (new FileInfo(path).LinkTarget is not null || File.Exists(path)) File.Delete(path);
        else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    private static void DeleteQuietly(AbsolutePath directory)
    {
        try { if (directory.DirectoryExists()) Directory.Delete(directory, recursive: true); }
        catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
