using EdgeBuild.Tooling;

namespace EdgeBuild.Manifests;

/// <summary>One output in artifacts/&lt;board&gt;/manifest.json.</summary>
public sealed record ManifestEntry
{
    /// <summary>Path relative to artifacts/&lt;board&gt;, forward slashes (the entry's key; filled by RecordFileAsync).</summary>
    public string Path { get; init; } = "";
    /// <summary>Lower-case hex sha256 of the file (filled by RecordFileAsync).</summary>
    public string Sha256 { get; init; } = "";
    /// <summary>Size in bytes (filled by RecordFileAsync).</summary>
    public long Size { get; init; }
    /// <summary>Architecture the file is for (arm64, armhf), or null when it has none (configs, scripts).</summary>
    public string? Arch { get; init; }
    /// <summary>The component's one name (busybox, kubeedge...).</summary>
    public required string Component { get; init; }
    /// <summary>The component's version.</summary>
    public required string Version { get; init; }
    /// <summary>Where it came from: the source file and its sha256, or the upstream URL of a prebuilt.</summary>
    public required string Source { get; init; }
    /// <summary>SPDX licence expression.</summary>
    public required string License { get; init; }
    /// <summary>The target that produced it.</summary>
    public required string Target { get; init; }
    /// <summary>What was changed from upstream (patch names with their Upstream: status, config fragments).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];
    /// <summary>Names of symbolic links beside the file that point to it (iptables, iptables-save... for xtables-legacy-multi).</summary>
    public IReadOnlyList<string> Links { get; init; } = [];
}
