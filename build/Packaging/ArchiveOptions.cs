namespace EdgeBuild.Packaging;

/// <summary>How a reproducible archive is written.</summary>
public sealed record ArchiveOptions
{
    /// <summary>Modification time of every entry, seconds since 1970 (SOURCE_DATE_EPOCH).</summary>
    public long Epoch { get; init; }
    /// <summary>Directory every entry is placed under (e.g. "bundle-1.0"); empty for none.</summary>
    public string Prefix { get; init; } = "";
    /// <summary>zlib-ng level, 0-9; 7 lands within 1% of `gzip -6`'s size on Go binaries, several times faster (docs/benchmarks-packaging.md).</summary>
    public int Level { get; init; } = 7;
    /// <summary>The archive file's own mode on the host (0644; 0600 when it holds a secret).</summary>
    public UnixFileMode FileMode { get; init; } = (UnixFileMode)0b110_100_100;
    /// <summary>Chunks compressed at once; 0 for one per core.</summary>
    public int MaxParallel { get; init; }
}
