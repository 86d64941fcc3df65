using System.Text;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel;

/// <summary>
/// Merges the Docker + KubeEdge fragment into an OpenHarmony tree where that version's board build reads its kernel
/// config: the full defconfig for 3.1/3.2, the arch layer for 4.0+ (plus conflicting lines in layers merged later,
/// since merge_config.sh lets the last layer win), in the config tree of the kernel the tree builds. Idempotent. Where the
/// board script skips its kernel source copy by a checkpoint (4.0+), a checkpoint older than the merged config is removed,
/// so the next build copies the config again.
/// </summary>
public sealed class OhosKernelFragment(string layoutsPath, string board = "rk3568")
{
    /// <summary>The step name its change records carry.</summary>
    public const string StepName = "kernel-fragment";

    /// <summary>A merger using targets/kernel/ohos-config-layouts.json.</summary>
    public static OhosKernelFragment FromTargets(string targetsDirectory, string board = "rk3568") =>
        new(OhosConfigLayout.DefaultPath(targetsDirectory), board);

    /// <summary>The layout the tree at <paramref name="ohosVersion"/> building <paramref name="kernel"/> reads its config from.</summary>
    public OhosConfigLayout LayoutFor(string ohosVersion, string kernel) => OhosConfigLayout.For(layoutsPath, board, ohosVersion, kernel);

    /// <summary>Merges <paramref name="fragmentPath"/> into the tree at <paramref name="ohosRoot"/>; with <paramref name="dryRun"/> writes nothing and logs the diff.</summary>
    public IReadOnlyList<FileChange> Apply(string ohosRoot, string ohosVersion, string kernel, string fragmentPath, bool dryRun)
    {
        var layout = LayoutFor(ohosVersion, kernel);
        var fragment = ConfigFragment.Load(fragmentPath);
        var target = Path.Combine(ohosRoot, layout.Target);
        if (!File.Exists(target))
            throw new BuildException($"{target} is missing: OpenHarmony {ohosVersion} builds the {board} kernel from this config file " +
                $"({layout.Target}); check --ohos-source points at a synced {ohosVersion} tree and --ohos-version matches it.");
        var changes = new List<FileChange>();
        Merge(target, text => fragment.MergeInto(text), dryRun, changes);
        foreach (var later in layout.MergedAfter.Select(p => Path.Combine(ohosRoot, p)))
            foreach (var file in LayerFiles(later))
                Merge(file, text => fragment.MergeInto(text, MissingSymbols.Skip), dryRun, changes);
        if (layout.SourceChecker is { } checkpoint) ForgetKernelSourceCopy(Path.Combine(ohosRoot, checkpoint), target, changes.Count > 0, dryRun, changes);
        return changes;
    }

    // kernel_source_checker.sh compares `git log` of the config repository with this record; an uncommitted merge never
    // shows there, so a record older than the merged config (or any change now) would let the build reuse the old copy.
    private static void ForgetKernelSourceCopy(string checkpoint, string target, bool changedNow, bool dryRun, List<FileChange> changes)
    {
        if (!File.Exists(checkpoint)) return;
        if (!changedNow && File.GetLastWriteTimeUtc(checkpoint) > File.GetLastWriteTimeUtc(target)) return;
        changes.Add(new FileChange(StepName, checkpoint, FileHash.Sha256(checkpoint), FileChange.Absent));
        if (dryRun) BuildReport.Current.Information($"Would remove {checkpoint} so the board script copies the merged kernel config again");
        else
        {
            File.Delete(checkpoint);
            BuildReport.Current.Information($"Removed {checkpoint}: the next build copies the merged kernel config (the board script skips the copy while it matches git log)");
        }
    }

    private static IEnumerable<string> LayerFiles(string path) =>
        Directory.Exists(path) ? Directory.GetFiles(path, "*_defconfig").Order(StringComparer.Ordinal)
        : File.Exists(path) ? [path] : [];

    private static void Merge(string file, Func<string, string> merge, bool dryRun, List<FileChange> changes)
    {
        var bytes = File.ReadAllBytes(file);
        var before = Encoding.UTF8.GetString(bytes);
        var after = merge(before);
        if (after == before) return;
        var change = new FileChange(StepName, file, FileHash.Sha256OfBytes(bytes), FileHash.Sha256OfText(after));
        if (dryRun)
        {
            var diff = TextDiff.Unified(file, file, before, after);
            changes.Add(change with { Diff = diff });
            BuildReport.Current.Information($"Would change {file}:\n{diff}");
        }
        else
        {
            Files.WriteAtomically(file, after);
            changes.Add(change);
            BuildReport.Current.Information($"Merged kernel fragment into {file}");
        }
    }

}
