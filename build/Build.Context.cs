using EdgeBuild.Engine;
using EdgeBuild.OpenHarmony;
using EdgeBuild.Packaging;
using EdgeBuild.Toolchains;

namespace EdgeBuild;

/// <summary>
/// What a run derives from its (read-only) parameters, computed once on first use and shared by every target: the board
/// definition, the toolchains, the release identity (git describe, commit, source date epoch) and the OpenHarmony tree.
/// Each part is lazy, so a target that needs none of them never fails on one (a missing board file, no git).
/// </summary>
public sealed class RunContext(Build build)
{
    private readonly Lazy<BoardDefinition> _board = new(() => BoardDefinition.Load(build.TargetsDirectory / "boards", build.Board));
    private readonly Lazy<IReadOnlyList<Toolchain>> _toolchains = new(() => Toolchain.LoadAll(build.ToolchainsDirectory));
    private readonly Lazy<ReleaseIdentity> _identity = new(() =>
        ReleaseIdentity.ResolveAsync(build.ReleaseVersion, build.SourceDateEpoch, build.RootDirectory, CancellationToken.None).GetAwaiter().GetResult());
    private readonly Lazy<OhosTree> _ohosTree = new(() => build.OhosSource is { } source
        ? new OhosTree(source, build.OhosCatalog.Resolve(build.OhosVersion, source))
        : new OhosTree(build.OhosWorkspaceDirectory, build.OhosSyncVersion) { Volume = build.OhosWorkspaceVolume });

    /// <summary>The --board definition (targets/boards/&lt;board&gt;.json).</summary>
    public BoardDefinition Board => _board.Value;
    /// <summary>Every toolchain definition in toolchains/.</summary>
    public IReadOnlyList<Toolchain> Toolchains => _toolchains.Value;
    /// <summary>The cross toolchain for <paramref name="arch"/>.</summary>
    public Toolchain ToolchainFor(string arch) => Toolchain.Find(Toolchains, arch);
    /// <summary>Version, commit and source date epoch every stamped output of this run carries (--release-version, --source-date-epoch, else git).</summary>
    public ReleaseIdentity Identity => _identity.Value;
    /// <summary>The OpenHarmony tree and its version: --ohos-source, else the synced workspace.</summary>
    public OhosTree OhosTree => _ohosTree.Value;
}

public partial class Build
{
    private RunContext? _context;
    /// <summary>This run's derived context (built on first use, after the parameters are bound).</summary>
    public RunContext Context => LazyInitializer.EnsureInitialized(ref _context, () => new RunContext(this));
}
