using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>
/// Patches a KubeEdge tree in place for OpenHarmony: every patches/kubeedge/*.gofunc (runc's ParseKeyValue), then
/// edged's root and container-log dirs under the data root where the release keeps them as constants. Idempotent.
/// </summary>
public sealed class KubeEdgePatcher(string patchesDirectory)
{
    /// <summary>The function patches, in file-name order.</summary>
    public IReadOnlyList<GoFunctionPatch> FunctionPatches { get; } =
        Directory.Exists(patchesDirectory) ? [.. Directory.GetFiles(patchesDirectory, "*.gofunc").Order(StringComparer.Ordinal).Select(GoFunctionPatch.Load)] : [];

    /// <summary>
    /// Applies every change to <paramref name="tree"/>, checks the result is gofmt-clean, and returns what changed;
    /// with <paramref name="dryRun"/> writes nothing and returns what would change.
    /// </summary>
    public async Task<IReadOnlyList<FileChange>> ApplyAsync(KubeEdgeSourceTree tree, string dataRoot, bool dryRun, CancellationToken ct)
    {
        if (!dataRoot.StartsWith('/')) throw new BuildException($"--data-root '{dataRoot}' must be an absolute path on the device, like /mnt/f2fs.");
        var version = tree.Release.Version.ToString();
        var edits = tree.Release.RootDirEdits;
        var files = FunctionPatches.Select(p => p.File).Append(edits.File).Distinct().Where(f => File.Exists(Path.Combine(tree.Root, f))).ToList();
        foreach (var patch in FunctionPatches) await RequireFormattedAsync(patch, ct);
        var uncleanBefore = await UnformattedAsync(tree.Root, files, ct);
        var changes = FunctionPatches.Select(patch => patch.Apply(tree.Root, version, dryRun)).ToList();
        changes.Add(GoConstantEdit.Apply(tree.Root, edits.File, edits.ConstantsFor(dataRoot), "root-dirs (targets/kubeedge/versions.json)", version, dryRun));
        if (!dryRun && uncleanBefore is not null && (await UnformattedAsync(tree.Root, files, ct))!.Except(uncleanBefore).ToList() is { Count: > 0 } unclean)
            throw new BuildException($"Patching left files that are not gofmt-clean in {tree.Root}: {string.Join(" ", unclean)}. Fix the patch in patches/kubeedge.");
        return changes;
    }

    // Vendored files often predate today's gofmt (doc comments, build tags), so the replacement is checked on its own too.
    private static async Task RequireFormattedAsync(GoFunctionPatch patch, CancellationToken ct)
    {
        if (ProcessRunner.Which("gofmt") is null) return;
        var snippet = "package p\n\n" + patch.Replacement;
        var formatted = (await ProcessRunner.RunAsync("gofmt", [], new ProcessOptions { StandardInput = snippet, CaptureOutput = true }, ct)).StandardOutput;
        if (formatted.Replace("\r\n", "\n") != snippet)
            throw new BuildException($"The function in patches/kubeedge/{patch.Name} is not gofmt-clean; run gofmt on it.");
    }

    // Files gofmt would reformat; null when gofmt is missing (worth saying, not fatal: it only checks the patch's layout).
    private static async Task<IReadOnlyList<string>?> UnformattedAsync(string root, IReadOnlyList<string> files, CancellationToken ct)
    {
        if (ProcessRunner.Which("gofmt") is null)
        {
            BuildReport.Current.Warning("gofmt is not on PATH: the patched files are not checked for gofmt-clean output (apt-get install golang-go).");
            return null;
        }
        var output = await ProcessRunner.OutputOfAsync("gofmt", ["-l", .. files], new ProcessOptions { WorkingDirectory = root }, ct);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
