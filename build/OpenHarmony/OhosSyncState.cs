using EdgeBuild.Tooling;

namespace EdgeBuild.OpenHarmony;

/// <summary>What a workspace's sync got through, kept in &lt;workspace&gt;/.edge-build/sync.json so an interrupted sync resumes.</summary>
public sealed record OhosSyncState
{
    /// <summary>OpenHarmony version synced.</summary>
    public required string Version { get; init; }
    /// <summary>repo init -u.</summary>
    public required string ManifestUrl { get; init; }
    /// <summary>repo init -b (branch or tag).</summary>
    public required string Revision { get; init; }
    /// <summary>repo init -m.</summary>
    public required string ManifestFile { get; init; }
    /// <summary>Steps finished, in order (init, sync, lfs, prebuilts).</summary>
    public IReadOnlyList<string> DoneSteps { get; init; } = [];
    /// <summary>sha256 of the manifest the completed sync used (.repo/manifests/&lt;file&gt;).</summary>
    public string? ManifestSha256 { get; init; }
    /// <summary>When the last step finished; null while the sync is incomplete.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The state file of <paramref name="workspace"/>.</summary>
    public static AbsolutePath FileIn(AbsolutePath workspace) => workspace / ".edge-build" / "sync.json";

    /// <summary>The recorded state, or null when there is none (a fresh workspace).</summary>
    public static OhosSyncState? Read(AbsolutePath workspace) =>
        FileIn(workspace).FileExists() ? OhosDataFile.Read<OhosSyncState>(FileIn(workspace)) : null;

    /// <summary>Records this state atomically.</summary>
    public void Write(AbsolutePath workspace) => OhosDataFile.Write(FileIn(workspace), this);

    /// <summary>True when this state was made with the same manifest coordinates.</summary>
    public bool SameManifest(OhosManifest manifest) =>
        ManifestUrl == manifest.Url && Revision == manifest.Revision && ManifestFile == manifest.File;
}
