using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.KubeEdge.Fixtures;

/// <summary>The repository's own data (targets/, patches/, toolchains/), found from the test assembly upward.</summary>
public static class Repository
{
    /// <summary>The directory holding .nuke.</summary>
    public static AbsolutePath Root => RepositoryRoot.Absolute;

    /// <summary>targets/kubeedge.</summary>
    public static string KubeEdgeData => Root / "targets" / "kubeedge";
    /// <summary>patches/kubeedge.</summary>
    public static string KubeEdgePatches => Root / "patches" / "kubeedge";
    /// <summary>The catalog from targets/kubeedge/versions.json.</summary>
    public static KubeEdgeCatalog Catalog => KubeEdgeCatalog.Load(KubeEdgeData);
    /// <summary>The arm64 toolchain definition.</summary>
    public static Toolchains.Toolchain Arm64 => Toolchains.Toolchain.Find(Toolchains.Toolchain.LoadAll(Root / "toolchains"), "arm64");
}
