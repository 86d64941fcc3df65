using EdgeBuild.Kernel;
using EdgeBuild.OpenHarmony;
using EdgeBuild.Reporting;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>The dry-run diffs of the real tree patches are diffs GNU patch applies to give exactly what the real run writes.</summary>
[Trait("Tier", "Fast")]
public class TreePatchDiffTests
{
    private static readonly string PatchData = RepositoryRoot.Absolute / "patches" / "openharmony";

    [Theory(Timeout = 60000)]
    [InlineData("3.1", true)]
    [InlineData("3.2", true)]
    [InlineData("6.1", false)]
    public async Task The_dry_run_diff_of_every_tree_patch_applies_with_patch_and_gives_the_patched_tree(string version, bool withRealDefconfig)
    {
        // Arrange: one tree patched for real, one only shown the diffs; 3.1/3.2 carry the real rk3568 defconfig for the kernel merge.
        using var patched = OhosFixtureTree.Create(version);
        using var shown = OhosFixtureTree.Create(version);
        var catalog = OhosFixtureTree.Catalog;
        var merger = OhosKernelFragment.FromTargets(RepositoryRoot.Absolute / "targets");
        List<ITreePatch> patches =
        [
            BuildImageRootDirs.Load(Path.Combine(PatchData, "build-image-root-dirs.json")),
            SelinuxFileContexts.Load(Path.Combine(PatchData, "selinux-file-contexts.json")),
        ];
        if (withRealDefconfig)
        {
            var defconfig = File.ReadAllText(Kernel.KernelTestData.Defconfig(version));
            foreach (var tree in new[] { patched, shown }) tree.Write("kernel/linux/config/linux-5.10/arch/arm64/configs/rk3568_standard_defconfig", defconfig);
            patches.Add(new KernelFragmentPatch(merger, Kernel.KernelTestData.Fragment, []));
        }
        OhosTreePatcher.Apply(new OhosTree(patched.Root, catalog.Resolve(null, patched.Root)), patches, dryRun: false, BuildReport.Silent);

        // Act
        var changes = OhosTreePatcher.Apply(new OhosTree(shown.Root, catalog.Resolve(null, shown.Root)), patches, dryRun: true, BuildReport.Silent);

        // Assert: nothing written by the dry run; its diffs, fed to patch -p1, make the other tree.
        var edits = changes.Where(c => c.Changed && c.Sha256After != FileChange.Absent).ToList();
        if (withRealDefconfig) edits.Select(c => c.Patch).ShouldContain(OhosKernelFragment.StepName);
        foreach (var change in edits)
        {
            var diff = change.Diff.ShouldNotBeNull($"{change.Patch} showed no diff for {change.File}");
            diff.ShouldStartWith("--- ");
            diff.ShouldContain("\n@@ -");
            var run = await ProcessRunner.RunAsync("patch", ["-p1", "--forward", "--batch", "--no-backup-if-mismatch"], new ProcessOptions
            {
                WorkingDirectory = shown.Root, StandardInput = AsPatchInput(diff, change.File), CaptureOutput = true, AllowFailure = true,
            });
            run.ExitCode.ShouldBe(0, $"patch refused the diff of {change.File}:\n{run.StandardOutput}\n{diff}");
        }
        foreach (var change in edits) shown.Read(change.File).ShouldBe(patched.Read(change.File), change.File);
    }

    // Tree patches name files a/<path> and b/<path>; the kernel merge names the absolute path: both become a/<path>.
    private static string AsPatchInput(string diff, string relativeFile)
    {
        var lines = diff.Split('\n');
        lines[0] = $"--- a/{relativeFile}";
        lines[1] = $"+++ b/{relativeFile}";
        return string.Join('\n', lines) + "\n";
    }
}
