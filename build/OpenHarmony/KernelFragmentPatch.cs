using EdgeBuild.Kernel;
using EdgeBuild.Tooling;

namespace EdgeBuild.OpenHarmony;

/// <summary>PatchOpenHarmony's kernel step: merges the Docker + KubeEdge fragment where the tree's version reads the config of the kernel it builds.</summary>
public sealed class KernelFragmentPatch(OhosKernelFragment merger, string fragmentPath, IReadOnlyList<string> gnArgs) : ITreePatch
{
    public string Name => OhosKernelFragment.StepName;

    public IReadOnlyList<FileChange> Apply(OhosTree tree, bool dryRun) =>
        [.. merger.Apply(tree.Root, tree.Version.Version, tree.Version.KernelFor(gnArgs), fragmentPath, dryRun).Select(change => change with
        {
            File = Path.IsPathRooted(change.File) ? Path.GetRelativePath(tree.Root, change.File) : change.File,
        })];
}
