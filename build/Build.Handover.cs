using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.OpenHarmony;
using EdgeBuild.Tooling;

namespace EdgeBuild;

// What each producing target hands over (NukeBuild.Results; a dependent reads it with Take, never a field another target set).
// Userland binaries are handed over on disk: artifacts/<board>/userland/<arch>/bin, each file with its manifest entry.

/// <summary>PatchKubeEdge's result: the tree and what the patches changed in it (none when the tree came patched with --kubeedge-source).</summary>
public sealed record KubeEdgePatched(KubeEdgeSourceTree Tree, IReadOnlyList<FileChange> Changes);

/// <summary>Edgecore's result: the verified binary (read back from artifacts/&lt;board&gt;/edgecore when up to date).</summary>
public sealed record EdgecoreBuilt(AbsolutePath Binary);

/// <summary>EdgecoreConfig's result: the edgecore.yaml it wrote in this run.</summary>
public sealed record EdgecoreYamlWritten(AbsolutePath Path);

/// <summary>DockerStatic's result: the directory of verified Docker binaries (read back when up to date).</summary>
public sealed record DockerStaticUnpacked(AbsolutePath Directory);

/// <summary>PatchOpenHarmony's result: what it changed in the tree (file, sha256 before/after).</summary>
public sealed record OhosTreePatched(IReadOnlyList<FileChange> Changes);

/// <summary>BuildOpenHarmony's result: the directory holding the version's images, and each copied image.</summary>
public sealed record OhosImagesBuilt(AbsolutePath Directory, IReadOnlyList<CollectedImage> Images);

/// <summary>Sidecar's result: the archive and the version it is stamped with.</summary>
public sealed record SidecarBuilt(AbsolutePath Archive, string Version);
