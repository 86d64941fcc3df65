using EdgeBuild.Tooling;

namespace EdgeBuild.OpenHarmony;

/// <summary>An OpenHarmony source tree and the version whose layout it has.</summary>
public sealed record OhosTree(AbsolutePath Root, OhosVersionInfo Version)
{
    /// <summary>The named volume holding the tree on the engine's host (null: the tree is the local <see cref="Root"/>).</summary>
    public string? Volume { get; init; }
}

/// <summary>
/// One change PatchOpenHarmony makes to an OpenHarmony tree. Implementations are idempotent, read the layout
/// of <see cref="OhosTree.Version"/>, fail naming the file and the anchor they expected, and write nothing when
/// dryRun is set (they print a unified diff instead).
/// </summary>
public interface ITreePatch
{
    /// <summary>Short name used in logs and change records.</summary>
    string Name { get; }
    /// <summary>Applies the patch (or shows it, with <paramref name="dryRun"/>) and returns a record per file it looked at.</summary>
    IReadOnlyList<FileChange> Apply(OhosTree tree, bool dryRun);
}
