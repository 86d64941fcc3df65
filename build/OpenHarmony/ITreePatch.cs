using System.Text.Json.Serialization;
using EdgeBuild.Engine;

namespace EdgeBuild.OpenHarmony;

/// <summary>An OpenHarmony source tree and the version whose layout it has.</summary>
public sealed record OhosTree(AbsolutePath Root, OhosVersionInfo Version)
{
    /// <summary>The named volume holding the tree on the engine's host (null: the tree is the local <see cref="Root"/>).</summary>
    public string? Volume { get; init; }
}

/// <summary>What one patch did (or, in a dry run, would do) to one file: the record the artifact manifest keeps.</summary>
public sealed record TreeChange(string Patch, string File, string Sha256Before, string Sha256After)
{
    /// <summary>The unified diff of the change when it was only shown (dry run); not part of the record.</summary>
    [JsonIgnore] public string? Diff { get; init; }

    /// <summary>False when the file already had the change (a second run).</summary>
    public bool Changed => Sha256Before != Sha256After;
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
    IReadOnlyList<TreeChange> Apply(OhosTree tree, bool dryRun);
}
