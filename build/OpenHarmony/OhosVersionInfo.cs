using EdgeBuild.Tooling;

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

/// <summary>One release of a line: a point release tag (5.0.3) or a branch (6.1-LTS) of the manifest repository.</summary>
public sealed record OhosRelease
{
    /// <summary>What --ohos-version names it by: 5.0.3, 6.0.0.2, 6.1-LTS.</summary>
    public required string Name { get; init; }
    /// <summary>repo init -b: refs/tags/OpenHarmony-v5.0.3-Release or a branch.</summary>
    public required string Revision { get; init; }
    /// <summary>Manifest repository when it differs from the line's.</summary>
    public string? Url { get; init; }
    /// <summary>A branch (it moves): the line's name alone never picks it while the line has a tag.</summary>
    public bool Branch { get; init; }
}

/// <summary>The kernel a line builds: the tree default (build/ohos/kernel/kernel.gni linux_kernel_version) and the trees synced beside it.</summary>
public sealed record OhosKernelChoice
{
    /// <summary>linux_kernel_version's default, e.g. linux-5.10.</summary>
    public required string Default { get; init; }
    /// <summary>Kernels --gn-args linux_kernel_version=... may pick (their config trees are in kernel/linux/config).</summary>
    public IReadOnlyList<string> Available { get; init; } = [];
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
    /// <summary>The point release chosen (5.0.3); null until <see cref="OhosCatalog.Find"/> picks one.</summary>
    public string? Release { get; init; }
    /// <summary>Known releases of the line, oldest first; the line's name alone picks the newest.</summary>
    public IReadOnlyList<OhosRelease> Releases { get; init; } = [];
    /// <summary>The official build container image of this version.</summary>
    public required string BuilderImage { get; init; }
    /// <summary>Debian/Ubuntu packages a cold build needs that the official image lacks (a derived image adds them).</summary>
    public IReadOnlyList<string> BuilderPackages { get; init; } = [];
    /// <summary>The kernel the tree builds unless --gn-args linux_kernel_version=... says otherwise.</summary>
    public required OhosKernelChoice Kernel { get; init; }
    /// <summary>The board directory of the product (device/hihope/rk3568 in 3.1, device/board/hihope/rk3568 later).</summary>
    public string? BoardDirectory { get; init; }
    /// <summary>build/prebuilts_download.sh's configuration file (null when the script carries its list itself).</summary>
    public string? PrebuiltsConfig { get; init; }
    /// <summary>Arguments build.sh always gets for a board image (e.g. --no-prebuilt-sdk: a board build does not need the SDK).</summary>
    public IReadOnlyList<string> BuildArgs { get; init; } = [];
    /// <summary>Images a bundle of this version cannot do without.</summary>
    public required IReadOnlyList<string> RequiredImages { get; init; }
    /// <summary>Partitions of the board's parameter.txt in this version, in order.</summary>
    public required IReadOnlyList<string> Partitions { get; init; }
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

    /// <summary>The release named in messages: the point release when one is chosen, else the line.</summary>
    public string ReleaseName => Release ?? Version;

    /// <summary>The kernel --gn-args picks (linux_kernel_version=...), else the tree default; fails for a kernel the line has no config for.</summary>
    public string KernelFor(IReadOnlyList<string> gnArgs)
    {
        var requested = gnArgs.Select(a => a.Split('=', 2)).LastOrDefault(p => p.Length == 2 && p[0].Trim() == "linux_kernel_version")?[1].Trim().Trim('"');
        if (requested is null) return Kernel.Default;
        if (requested == Kernel.Default || Kernel.Available.Contains(requested)) return requested;
        throw new EdgeBuild.Reporting.BuildException($"--gn-args linux_kernel_version={requested} names a kernel OpenHarmony {Version} has no config tree for; " +
            $"it builds {string.Join(" or ", Kernel.Available.Prepend(Kernel.Default).Distinct())} ({Origin ?? "targets/openharmony"}).");
    }

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
    /// <summary>safe.directory written into the container's system git config before each command (every git honours it there).</summary>
    public string GitSafeDirectory { get; init; } = "*";
    /// <summary>The RUN line of a derived builder image; {packages} is replaced by the version's builderPackages.</summary>
    public string BuilderPackagesInstall { get; init; } = "apt-get update && apt-get install -y --no-install-recommends {packages} && rm -rf /var/lib/apt/lists/*";
    /// <summary>Where the ccache volume is mounted.</summary>
    public required string CcacheMount { get; init; }
    /// <summary>Environment pointing OpenHarmony's build at the ccache volume.</summary>
    public IReadOnlyDictionary<string, string> CcacheEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// <paramref name="command"/> run after `git config --system safe.directory` (when the image has git): git before 2.38 ignores
    /// safe.directory from GIT_CONFIG_* or -c, but every git with the ownership check reads the system config.
    /// </summary>
    public IReadOnlyList<string> TrustingGit(IReadOnlyList<string> command) =>
        ["sh", "-c", "if command -v git >/dev/null 2>&1; then git config --system --replace-all safe.directory \"$0\" || exit 125; fi; exec \"$@\"",
         GitSafeDirectory, .. command];
}
