namespace EdgeBuild.OpenHarmony;

/// <summary>Where repo finds one OpenHarmony release: manifest repository, branch or tag, manifest file.</summary>
public sealed record OhosManifest
{
    /// <summary>Manifest repository URL (repo init -u).</summary>
    public required string Url { get; init; }
    /// <summary>Branch or tag (repo init -b), e.g. refs/tags/OpenHarmony-v3.1-Release.</summary>
    public required string Revision { get; init; }
    /// <summary>Manifest file inside that repository (repo init -m).</summary>
    public string File { get; init; } = "default.xml";
}

/// <summary>The root directory list in build/ohos/images/build_image.py as one version ships it (the patch's anchor).</summary>
public sealed record PrepareRootLayout
{
    /// <summary>File relative to the tree root.</summary>
    public required string File { get; init; }
    /// <summary>Python function holding the list.</summary>
    public required string Function { get; init; }
    /// <summary>Name of the list variable.</summary>
    public required string List { get; init; }
    /// <summary>The directories upstream creates, in order.</summary>
    public required IReadOnlyList<string> Dirs { get; init; }
}

/// <summary>The SELinux file_contexts of one version (the patch's anchor).</summary>
public sealed record FileContextsLayout
{
    /// <summary>File relative to the tree root.</summary>
    public required string File { get; init; }
    /// <summary>Label of the root directory entry ("/ u:object_r:rootfs:s0"), the insertion anchor.</summary>
    public required string RootLabel { get; init; }
    /// <summary>Paths upstream already labels (checked, never changed).</summary>
    public IReadOnlyList<string> AlreadyLabelled { get; init; } = [];
}

/// <summary>Everything that differs between OpenHarmony versions, from targets/openharmony/&lt;version&gt;.json.</summary>
public sealed record OhosVersionInfo
{
    /// <summary>Major.minor, e.g. 3.1.</summary>
    public required string Version { get; init; }
    /// <summary>One line for messages.</summary>
    public string? Description { get; init; }
    /// <summary>The official build container image of this version.</summary>
    public required string BuilderImage { get; init; }
    /// <summary>Where repo syncs this version from.</summary>
    public required OhosManifest Manifest { get; init; }
    /// <summary>Free disk the sync asks for before it starts, in GiB.</summary>
    public required int SyncFreeGib { get; init; }
    /// <summary>Paths that exist once build/prebuilts_download.sh has run.</summary>
    public IReadOnlyList<string> PrebuiltsMarkers { get; init; } = [];
    /// <summary>Where the images land, relative to the tree; {product} is replaced.</summary>
    public required string ImagesDirectory { get; init; }
    /// <summary>The image set a successful build leaves there.</summary>
    public required IReadOnlyList<string> Images { get; init; }
    /// <summary>The image holding the kernel (with its embedded config).</summary>
    public required string BootImage { get; init; }
    /// <summary>build_image.py's root directory list.</summary>
    public required PrepareRootLayout PrepareRoot { get; init; }
    /// <summary>SELinux file_contexts location and anchors.</summary>
    public required FileContextsLayout FileContexts { get; init; }
    /// <summary>The data file this came from.</summary>
    public string? Origin { get; init; }

    /// <summary>The images directory for <paramref name="product"/>, relative to the tree.</summary>
    public string ImagesDirectoryFor(string product) => ImagesDirectory.Replace("{product}", product);
}

/// <summary>A file and pattern whose first group is the tree's major.minor version.</summary>
public sealed record OhosVersionSource(string File, string Pattern);

/// <summary>Facts shared by every version: version sources and the build container's layout (targets/openharmony/common.json).</summary>
public sealed record OhosCommon
{
    /// <summary>Files read, in order, to find a tree's version.</summary>
    public required IReadOnlyList<OhosVersionSource> VersionSources { get; init; }
    /// <summary>Version synced when none is named and no tree is given.</summary>
    public required string DefaultVersion { get; init; }
    /// <summary>Where the container sees the source tree.</summary>
    public required string SourceMount { get; init; }
    /// <summary>Environment of every OpenHarmony container (git trusts the user's tree, no prompts).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Where the ccache volume is mounted.</summary>
    public required string CcacheMount { get; init; }
    /// <summary>Environment pointing OpenHarmony's build at the ccache volume.</summary>
    public IReadOnlyDictionary<string, string> CcacheEnvironment { get; init; } = new Dictionary<string, string>();
}
