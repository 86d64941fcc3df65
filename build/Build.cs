using EdgeBuild.Engine;
using EdgeBuild.Pins;
using EdgeBuild.Tooling;

namespace EdgeBuild;

/// <summary>The build: shared parameters and paths. Each Build.&lt;Concern&gt;.cs holds that concern's targets.</summary>
public partial class Build : NukeBuild
{
    /// <summary>Entry point: `./build.sh [targets] [--parameters]`; Doctor when no target is named.</summary>
    public static int Main(string[] args) => Execute<Build>(args, x => x.Doctor);

    [Parameter("Board definition from targets/boards/<board>.json.")] public readonly string Board = "rk3568";
    [Parameter("Outputs root (default: artifacts/ in the repository).")] public readonly AbsolutePath? Artifacts;
    [Parameter("Download cache (default: $XDG_CACHE_HOME/edge-build/downloads).")] public readonly AbsolutePath? DownloadsDir;
    [Parameter("Show what would change, write nothing.")] public readonly bool DryRun;
    [Parameter("Install missing prerequisites with apt-get (as root on Debian/Ubuntu).")] public readonly bool InstallPrerequisites;
    [Parameter("Pins file whose entries override targets/pins/<component>.json (mirrors, testing, air-gapped).")] public readonly AbsolutePath? Pins;

    [Parameter("Lock file of first-use sha256 (default: targets/pins.lock.json).")] public readonly AbsolutePath? PinsLock;
    [Parameter("Build only pins whose sha256 is recorded (default: true when CI=true; `--locked false` to record first-use hashes there).")] public readonly bool? Locked;

    private PinSet? _pinSet;
    /// <summary>Every component pin, with --pins applied and first-use hashes filled in (loaded once).</summary>
    public PinSet PinSet => _pinSet ??= PinSet.Load(TargetsDirectory / "pins", Pins?.ToString(), LoadPinLock());
    [Parameter("Set by CI services (CI=true on GitHub Actions); makes --locked the default.", Name = "ci", BareEnvironment = true)] public readonly string? Ci;
    /// <summary>--locked, else true under CI.</summary>
    public bool IsLocked => Locked ?? (Ci?.ToLowerInvariant() is "true" or "1");

    // A mirror (--sources-dir) carries the lock file it was made with: its first-use hashes count here too.
    private PinLock LoadPinLock()
    {
        var pinLock = PinLock.Load(PinsLock ?? TargetsDirectory / PinLockFileName);
        if (SourcesDir is { } mirror && (mirror / PinLockFileName).FileExists()) pinLock.Merge(mirror / PinLockFileName);
        return pinLock;
    }

    /// <summary>The lock file's name, in targets/ and in a mirror directory.</summary>
    public const string PinLockFileName = Mirroring.MirrorExporter.LockFileName;

    /// <summary>artifacts/ unless --artifacts moves it.</summary>
    public override AbsolutePath ArtifactsDirectory => Artifacts ?? RootDirectory / "artifacts";
    /// <summary>.nuke/temp and the artifacts root; a --artifacts directory is the build's own only when it made it.</summary>
    /// <remarks>A --dry-run writes no outputs, so it neither creates nor marks the artifacts root.</remarks>
    protected internal override IEnumerable<OutputRoot> OutputRoots() =>
        [new(TemporaryDirectory, "the repository's .nuke/temp", BuildOwned: true), .. DryRun ? Array.Empty<OutputRoot>() : [new(ArtifactsDirectory, "--artifacts", BuildOwned: Artifacts is null)]];
    /// <summary>artifacts/&lt;board&gt;.</summary>
    public AbsolutePath BoardArtifacts => ArtifactsDirectory / Board;
    /// <summary>Build trees, keyed by each recipe's input hash.</summary>
    public AbsolutePath WorkDirectory => TemporaryDirectory / "work";
    /// <summary>Data files: boards and component pins.</summary>
    public AbsolutePath TargetsDirectory => RootDirectory / "targets";
    /// <summary>Per-component patches and fragments.</summary>
    public AbsolutePath PatchesDirectory => RootDirectory / "patches";
    /// <summary>Toolchain definitions.</summary>
    public AbsolutePath ToolchainsDirectory => RootDirectory / "toolchains";
    /// <summary>Summary lines: which pins file overrode what.</summary>
    protected internal override IEnumerable<string> SummaryLines() =>
        _pinSet?.OverrideFile is { } file ? [$"Pins overridden by {file}: {string.Join(", ", _pinSet.Overridden)}"] : [];

    /// <summary>Targets made from data: one per userland component (targets/userland.json), one Bundle&lt;Board&gt; per board.</summary>
    protected internal override IEnumerable<(string Name, Target Definition)> DynamicTargets() => [.. UserlandTargets(), .. BundleTargets()];

    /// <summary>The download cache shared by all checkouts of this user.</summary>
    public AbsolutePath DownloadsDirectory => DownloadsDir ?? UserCacheDirectory / "downloads";
}
