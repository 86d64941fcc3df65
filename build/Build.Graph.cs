using EdgeBuild.Engine;

namespace EdgeBuild;

/// <summary>
/// The edges between concerns, in one place: each concern's file declares only the edges inside it and names these
/// lists for the rest. What a dependent reads from its producer is in Build.Handover.cs.
/// </summary>
public partial class Build
{
    /// <summary>Targets that run tools --install-prerequisites installs (Doctor → Userland, KubeEdge, Packaging, OpenHarmony, Kernel).</summary>
    Target[] NeedPrerequisites => [UserlandSources, KubeEdgeSource, Edgecore, DockerStatic, SyncOpenHarmony, PatchOpenHarmony, BuildOpenHarmony, ExplainKernelConfig];

    /// <summary>Targets that use a Docker image a --sources-dir mirror may carry (Mirror → KubeEdge, OpenHarmony).</summary>
    Target[] NeedMirrorImages => [Edgecore, SyncOpenHarmony, BuildOpenHarmony];

    /// <summary>What the sidecar packs (Packaging ← Packaging, Userland, KubeEdge).</summary>
    Target[] SidecarParts => [DockerStatic, Userland, Edgecore, EdgecoreConfig];

    /// <summary>What a Bundle&lt;Board&gt; packs (Packaging ← Packaging, OpenHarmony).</summary>
    Target[] BundleParts => [Sidecar, BuildOpenHarmony];

    /// <summary>The declared target graph (names and resolved edges), for documentation and tests.</summary>
    public TargetGraph DeclaredGraph() => new(DiscoverTargets());
}
