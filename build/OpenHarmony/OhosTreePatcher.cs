using EdgeBuild.Reporting;
using EdgeBuild.Tooling;

namespace EdgeBuild.OpenHarmony;

/// <summary>Runs PatchOpenHarmony's list of tree patches in order and collects their change records.</summary>
public static class OhosTreePatcher
{
    /// <summary>Applies every patch (or shows each diff, with <paramref name="dryRun"/>); stops at the first that fails; tells <paramref name="report"/> how many files changed.</summary>
    public static IReadOnlyList<FileChange> Apply(OhosTree tree, IEnumerable<ITreePatch> patches, bool dryRun, IBuildReport report)
    {
        report.Information($"Patching OpenHarmony {tree.Version.Version} tree {tree.Root}{(dryRun ? " (dry run: nothing is written)" : "")}");
        var changes = new List<FileChange>();
        foreach (var patch in patches) changes.AddRange(patch.Apply(tree, dryRun));
        var changed = changes.Count(c => c.Changed);
        report.Note(dryRun ? $"dry run: {changed} file(s) would change" : $"{changed} file(s) changed, {changes.Count - changed} already patched");
        return changes;
    }
}
