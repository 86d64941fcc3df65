namespace EdgeBuild.Preflight;

/// <summary>One file the run will fetch: where from, whether it is already local, and how its bytes are checked.</summary>
public sealed record PlannedDownload(string Component, string FileName, string Url, string? LocalPath, string? Sha256, bool Locked);

/// <summary>A place the run writes to, with the free space it needs (null: no estimate).</summary>
public sealed record DiskPlace(string Label, string Path, long? NeededBytes, string NeededWhy);

/// <summary>An upstream host the run may contact, and the option that replaces it when it does not answer.</summary>
public sealed record UpstreamHost(string Host, int Port, string Replacement);

/// <summary>What --plan checks before anything runs.</summary>
public sealed record PreflightFacts
{
    /// <summary>Pinned files the planned targets fetch.</summary>
    public IReadOnlyList<PlannedDownload> Downloads { get; init; } = [];
    /// <summary>Other lines to show as they are (OpenHarmony manifest and tag, builder image).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>Places written to.</summary>
    public IReadOnlyList<DiskPlace> Disk { get; init; } = [];
    /// <summary>Hosts to probe (none with --offline).</summary>
    public IReadOnlyList<UpstreamHost> Hosts { get; init; } = [];
    /// <summary>--offline: hosts are not probed.</summary>
    public bool Offline { get; init; }
}

/// <summary>The OpenHarmony part: manifest and tag to sync, builder image, the workspace's disk, the hosts it needs.</summary>
public sealed record OhosPreflightFacts(IReadOnlyList<string> Lines, DiskPlace Workspace, IReadOnlyList<UpstreamHost> Hosts);
