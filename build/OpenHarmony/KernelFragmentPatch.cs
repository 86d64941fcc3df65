using EdgeBuild.Kernel;

namespace EdgeBuild.OpenHarmony;

/// <summary>PatchOpenHarmony's kernel step: merges the Docker + KubeEdge fragment where the tree's version reads the config of the kernel it builds.</summary>
public sealed class KernelFragmentPatch(OhosKernelFragment merger, string fragmentPath, IReadOnlyList<string> gnArgs) : ITreePatch
{
    public string Name => "kernel-fragment";

    public IReadOnlyList<TreeChange> Apply(OhosTree tree, bool dryRun) =>
        [.. merger.Apply(tree.Root, tree.Version.Version, tree.Version.KernelFor(gnArgs), fragmentPath, dryRun).Select(change => new TreeChange(Name,
            Path.IsPathRooted(change.File) ? Path.GetRelativePath(tree.Root, change.File) : change.File,
            change.Sha256Before ?? "absent", change.Sha256After))];
}
