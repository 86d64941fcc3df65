namespace EdgeBuild.Packaging;

/// <summary>How a reproducible archive is written.</summary>
public sealed record ArchiveOptions
{
    /// <summary>Modification time of every entry, seconds since 1970 (SOURCE_DATE_EPOCH).</summary>
    public long Epoch { get; init; }
    /// <summary>Directory every entry is placed under (e.g. "bundle-1.0"); empty for none.</summary>
    public string Prefix { get; init; } = "";
    /// <summary>zlib level, 0-9; 6 matches `gzip -6`, gzip's default.</summary>
    public int Level { get; init; } = 6;
    /// <summary>Chunks compressed at once; 0 for one per core.</summary>
    public int MaxParallel { get; init; }
}
