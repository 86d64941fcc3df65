using EdgeBuild.Tooling;

namespace EdgeBuild.Caching;

/// <summary>One file (or symbolic link) of a cache entry: which declared output it belongs to and its bytes' sha256.</summary>
/// <param name="Output">Index of the declared output (file or directory) the file belongs to.</param>
/// <param name="Path">Path inside that output, forward slashes; empty when the output is the file itself.</param>
/// <param name="LinkTarget">The link's target when the file is a symbolic link (no bytes stored).</param>
public sealed record CachedFile(int Output, string Path, string Sha256, long Size, UnixFileMode Mode, string? LinkTarget = null);

/// <summary>entry.json: what a cache entry holds, written last into the entry, so an entry without it is half-written.</summary>
/// <param name="Outputs">The declared outputs' file names, in declaration order (a check against a wrong entry).</param>
/// <param name="Extra">Data the target keeps with its outputs (manifest entries), given back on restore.</param>
public sealed record CacheEntry(string Key, string Target, IReadOnlyList<string> Outputs, IReadOnlyList<CachedFile> Files, string? Extra, DateTime Created)
{
    /// <summary>Bytes of all stored files.</summary>
    public long Size => Files.Sum(f => f.Size);
}

/// <summary>usage.json beside an entry: the least-recently-used order and the hit count (rewritten on each hit).</summary>
public sealed record CacheUsage(DateTime LastUsed, int Hits);

/// <summary>One entry as CacheInfo lists it.</summary>
public sealed record CacheEntryInfo(string Key, string Target, int Files, long Size, DateTime Created, DateTime LastUsed, int Hits);
