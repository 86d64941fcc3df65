using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Pins;

/// <summary>One hash recorded on first use: the component, its file, the URL the bytes came from, their sha256 and the day.</summary>
public sealed record PinLockEntry(string Component, string File, string Url, string Sha256, string Date);

/// <summary>
/// targets/pins.lock.json: sha256 of pinned files whose upstream publishes none, recorded the first time they were
/// downloaded (as go.sum and Cargo.lock do), sorted so that a new entry is a one-block diff. Thread-safe.
/// </summary>
public sealed class PinLock
{
    private const string Comment = "sha256 of pinned files recorded on their first download (upstream publishes none). Commit this file; every later fetch verifies against it. `--locked` (CI=true) refuses pins missing here.";
    private static readonly JsonSerializerOptions Json = DataJson.Options;

    private readonly object _gate = new();
    private readonly Dictionary<(string, string), PinLockEntry> _entries;

    /// <summary>The lock file this instance reads and writes.</summary>
    public string Path { get; }

    private PinLock(string path, Dictionary<(string, string), PinLockEntry> entries) { Path = path; _entries = entries; }

    private sealed record LockFile([property: JsonPropertyName("$comment")] string? Comment, IReadOnlyList<PinLockEntry> Pins);

    /// <summary>Reads <paramref name="path"/> (an absent file is an empty lock).</summary>
    public static PinLock Load(string path) => new(path, Read(path).ToDictionary(e => (e.Component, e.File)));

    /// <summary>Every entry, sorted by component then file.</summary>
    public IReadOnlyList<PinLockEntry> Entries { get { lock (_gate) return Sorted(_entries.Values); } }

    /// <summary>The recorded entry for <paramref name="component"/>'s <paramref name="file"/>, or null.</summary>
    public PinLockEntry? Find(string component, string file) { lock (_gate) return _entries.GetValueOrDefault((component, file)); }

    /// <summary>Adds entries of another lock file (a mirror's) that this one lacks; a conflicting hash fails naming both.</summary>
    public void Merge(string otherPath)
    {
        foreach (var entry in Read(otherPath))
            lock (_gate)
            {
                if (_entries.TryGetValue((entry.Component, entry.File), out var mine) && mine.Sha256 != entry.Sha256)
                    throw new BuildException($"{otherPath} records {entry.Component} {entry.File} as sha256 {entry.Sha256}, but {Path} records {mine.Sha256}. " +
                        "One of them holds other bytes: check the file's origin and remove the wrong entry.");
                _entries.TryAdd((entry.Component, entry.File), entry);
            }
    }

    /// <summary><paramref name="file"/> with the recorded hash filled in when its pin has none; otherwise unchanged.</summary>
    public PinFile Apply(string component, PinFile file) =>
        file.HasRecordedHash || Find(component, file.FileName) is not { } entry ? file
            : file with { Sha256 = entry.Sha256, HashSource = $"recorded on first use on {entry.Date} from {entry.Url} ({Path})" };

    /// <summary>Records <paramref name="entry"/> and rewrites the file (sorted, atomically, one writer across processes).</summary>
    public async Task RecordAsync(PinLockEntry entry, CancellationToken ct)
    {
        using var fileLock = await FileLock.AcquireAsync(Path + ".lock", ct);
        lock (_gate)
        {
            // Another process may have recorded other files since this one loaded.
            foreach (var other in Read(Path)) _entries.TryAdd((other.Component, other.File), other);
            _entries[(entry.Component, entry.File)] = entry;
            Files.WriteAtomically(Path, Render(_entries.Values));
        }
    }

    /// <summary>The file's text for <paramref name="entries"/>: sorted, indented, newline-terminated, so equal entries give equal bytes.</summary>
    public static string Render(IEnumerable<PinLockEntry> entries) =>
        JsonSerializer.Serialize(new LockFile(Comment, Sorted(entries)), Json) + "\n";

    private static List<PinLockEntry> Sorted(IEnumerable<PinLockEntry> entries) =>
        [.. entries.OrderBy(e => e.Component, StringComparer.Ordinal).ThenBy(e => e.File, StringComparer.Ordinal)];

    private static IReadOnlyList<PinLockEntry> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var entries = DataJson.Read<LockFile>(path, "pin lock file (restore it from git if unsure)").Pins ?? [];
        foreach (var e in entries)
            if (e.Sha256 is not { Length: 64 } || !e.Sha256.All(Uri.IsHexDigit))
                throw new BuildException($"{path}: {e.Component} {e.File} has sha256 '{e.Sha256}', not 64 hex digits. Fix or remove the entry.");
        return entries;
    }
}
