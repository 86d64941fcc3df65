using EdgeBuild.Engine;
using EdgeBuild.Pins;

namespace EdgeBuild;

/// <summary>The build: shared parameters and paths. Each Build.&lt;Concern&gt;.cs holds that concern's targets.</summary>
public partial class Build : NukeBuild
{
    /// <summary>Entry point: `./build.sh [targets] [--parameters]`; Doctor when no target is named.</summary>
    public static int Main(string[] args) => Execute<Build>(args, x => x.Doctor);

    [Parameter("Board definition from targets/boards/<board>.json.")] public string Board = "rk3568";
    [Parameter("Outputs root (default: artifacts/ in the repository).")] public AbsolutePath? Artifacts;
    [Parameter("Download cache (default: $XDG_CACHE_HOME/edge-build/downloads).")] public AbsolutePath? DownloadsDir;
    [Parameter("Show what would change, write nothing.")] public bool DryRun;
    [Parameter("Install missing prerequisites with apt-get (as root on Debian/Ubuntu).")] public bool InstallPrerequisites;
    [Parameter("Pins file whose entries override targets/pins/<component>.json (mirrors, testing, air-gapped).")] public AbsolutePath? Pins;

    private PinSet? _pinSet;
    /// <summary>Every component pin, with --pins applied (loaded once).</summary>
    public PinSet PinSet => _pinSet ??= PinSet.Load(TargetsDirectory / "pins", Pins?.ToString());

    /// <summary>artifacts/ unless --artifacts moves it.</summary>
    public override AbsolutePath ArtifactsDirectory => Artifacts ?? RootDirectory / "artifacts";
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

    /// <summary>The download cache shared by all checkouts of this user.</summary>
    public AbsolutePath DownloadsDirectory => DownloadsDir ?? UserCacheDirectory / "downloads";
}
