using EdgeBuild.Engine;
using EdgeBuild.OpenHarmony;
using Shouldly;
using Xunit;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.OpenHarmony;

[Trait("Tier", "Fast")]
public class TreePatchTests
{
    private static readonly string PatchData = RepositoryRoot.Absolute / "patches" / "openharmony";

    private static IReadOnlyList<ITreePatch> Patches() =>
    [
        BuildImageRootDirs.Load(Path.Combine(PatchData, "build-image-root-dirs.json")),
        SelinuxFileContexts.Load(Path.Combine(PatchData, "selinux-file-contexts.json")),
    ];

    [Theory]
    [InlineData("3.1", "base/security/selinux/sepolicy/base/system/file_contexts")]
    [InlineData("3.2", "base/security/selinux/sepolicy/base/system/file_contexts")]
    [InlineData("4.1", "base/security/selinux_adapter/sepolicy/base/system/file_contexts")]
    [InlineData("5.0", "base/security/selinux_adapter/sepolicy/base/system/file_contexts")]
    [InlineData("5.1", "base/security/selinux_adapter/sepolicy/base/system/file_contexts")]
    [InlineData("6.0", "base/security/selinux_adapter/sepolicy/base/system/file_contexts")]
    [InlineData("6.1", "base/security/selinux_adapter/sepolicy/base/system/file_contexts")]
    [InlineData("7.0", "base/security/selinux_adapter/sepolicy/base/system/file_contexts")]
    public void Tree_patches_add_root_dirs_and_labels_once_per_version_layout(string version, string fileContexts)
    {
        using var fixture = OhosFixtureTree.Create(version);
        var catalog = OhosFixtureTree.Catalog;
        var tree = new OhosTree(fixture.Root, catalog.Resolve(null, fixture.Root));

        var report = new EdgeBuild.Reporting.RecordingReport();
        var first = OhosTreePatcher.Apply(tree, Patches(), dryRun: false, report);
        var afterFirst = fixture.Snapshot();
        var second = OhosTreePatcher.Apply(tree, Patches(), dryRun: false, report);

        tree.Version.Version.ShouldBe(version);
        first.Select(c => c.File).ShouldBe(["build/ohos/images/build_image.py", fileContexts]);
        first.ShouldAllBe(c => c.Changed);
        second.ShouldAllBe(c => !c.Changed);
        report.Notes.ShouldBe(["2 file(s) changed, 0 already patched", "0 file(s) changed, 2 already patched"]);
        second.Select(c => c.Sha256Before).ShouldBe(first.Select(c => c.Sha256After));
        fixture.Snapshot().ShouldBe(afterFirst);
        var script = fixture.Read("build/ohos/images/build_image.py");
        script.ShouldContain("', 'run', 'var', 'opt', 'usr'\n    ]\n");
        script.ShouldContain("_dir_list = ['dev', 'proc', 'sys', 'system', 'tmp', 'lib', 'lib64', 'vendor']");
        var contexts = fixture.Read(fileContexts);
        foreach (var dir in new[] { "/run", "/var", "/opt", "/usr" })
            contexts.Split('\n').Count(l => l.StartsWith(dir + " ")).ShouldBe(1);
        contexts.ShouldContain("/       u:object_r:rootfs:s0\n# edge-build:");
        contexts.ShouldContain("/usr       u:object_r:rootfs:s0\n\n/lost");
    }

    [Fact]
    public void A_build_image_py_without_the_versions_list_fails_naming_the_file_and_anchor()
    {
        using var fixture = OhosFixtureTree.Create("3.1");
        var tree = new OhosTree(fixture.Root, OhosFixtureTree.Catalog.Find("4.1"));

        var error = Should.Throw<BuildException>(() => OhosTreePatcher.Apply(tree, Patches(), dryRun: false, EdgeBuild.Reporting.BuildReport.Silent));

        error.Message.ShouldContain("build/ohos/images/build_image.py");
        error.Message.ShouldContain("'chip_ckm'");
        error.Message.ShouldContain("found ['config', 'dev'");
        error.Message.ShouldContain("--ohos-version");
    }

    [Fact]
    public void A_file_contexts_without_the_root_entry_fails_naming_the_file_and_anchor()
    {
        using var fixture = OhosFixtureTree.Create("3.2");
        const string file = "base/security/selinux/sepolicy/base/system/file_contexts";
        fixture.Write(file, fixture.Read(file).Replace("/       u:object_r:rootfs:s0\n", ""));
        var tree = new OhosTree(fixture.Root, OhosFixtureTree.Catalog.Find("3.2"));
        var before = fixture.Read(file);

        var error = Should.Throw<BuildException>(() => SelinuxFileContexts.Load(Path.Combine(PatchData, "selinux-file-contexts.json")).Apply(tree, false));

        error.Message.ShouldContain(file);
        error.Message.ShouldContain("the root entry '/       u:object_r:rootfs:s0'");
        fixture.Read(file).ShouldBe(before);
    }

    [Fact]
    public void A_tree_of_another_version_fails_on_the_missing_selinux_path()
    {
        using var fixture = OhosFixtureTree.Create("4.1");
        var tree = new OhosTree(fixture.Root, OhosFixtureTree.Catalog.Find("3.2") with { PrepareRoot = OhosFixtureTree.Catalog.Find("4.1").PrepareRoot });

        var error = Should.Throw<BuildException>(() => OhosTreePatcher.Apply(tree, Patches(), dryRun: false, EdgeBuild.Reporting.BuildReport.Silent));

        error.Message.ShouldContain("base/security/selinux/sepolicy/base/system/file_contexts does not exist");
    }

    [Fact]
    public void Dry_run_shows_a_unified_diff_and_writes_nothing()
    {
        using var fixture = OhosFixtureTree.Create("3.1");
        var tree = new OhosTree(fixture.Root, OhosFixtureTree.Catalog.Find("3.1"));
        var before = fixture.Snapshot();

        var changes = OhosTreePatcher.Apply(tree, Patches(), dryRun: true, EdgeBuild.Reporting.BuildReport.Silent);

        fixture.Snapshot().ShouldBe(before);
        changes.ShouldAllBe(c => c.Changed);
        var diff = changes[0].Diff!;
        diff.ShouldStartWith("--- a/build/ohos/images/build_image.py\n+++ b/build/ohos/images/build_image.py\n@@ -");
        diff.ShouldContain("\n-        'chipset', 'storage', 'mnt', 'tmp', 'sys_prod', 'chip_prod'\n+        'chipset', 'storage', 'mnt', 'tmp', 'sys_prod', 'chip_prod', 'run', 'var', 'opt', 'usr'\n");
        changes[1].Diff!.ShouldContain("\n+/run       u:object_r:rootfs:s0\n");
    }

    [Fact]
    public void The_version_is_read_from_the_tree_and_an_unknown_tree_asks_for_ohos_version()
    {
        using var fixture = OhosFixtureTree.Create("3.2");
        var catalog = OhosFixtureTree.Catalog;
        var empty = AbsolutePath.Create(Directory.CreateTempSubdirectory("ohos-empty-").FullName);
        try
        {
            catalog.Resolve(null, fixture.Root).Version.ShouldBe("3.2");
            catalog.Resolve("4.1", fixture.Root).Version.ShouldBe("4.1");
            Should.Throw<BuildException>(() => catalog.Resolve(null, empty)).Message.ShouldContain("--ohos-version (3.1, 3.2, 4.0, 4.1, 5.0, 5.1, 6.0, 6.1, 7.0)");
            Should.Throw<BuildException>(() => catalog.Find("2.0")).Message.ShouldContain("Known versions: 3.1, 3.2, 4.0, 4.1, 5.0, 5.1, 6.0, 6.1, 7.0");
        }
        finally { Directory.Delete(empty); }
    }
}
