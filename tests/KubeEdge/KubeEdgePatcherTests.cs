using EdgeBuild.Tests.Support;
using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>PatchKubeEdge's work on fixture trees of each series: ParseKeyValue plus edged's dirs, idempotent, gofmt-clean.</summary>
public class KubeEdgePatcherTests
{
    [Theory(Timeout = 120000)]
    [InlineData("1.9.1", RuncVariant.Rc95, EdgedForm.EdgedConstants, KubeEdgeFixtureTree.EdgedGo)]
    [InlineData("1.12.7", RuncVariant.V103, EdgedForm.KubeletContainerLogsDir, KubeEdgeFixtureTree.KubeletGo)]
    [InlineData("1.14.5", RuncVariant.V11, EdgedForm.KubeletContainerLogsDir, KubeEdgeFixtureTree.KubeletGo)]
    [InlineData("1.23.1", RuncVariant.V12, EdgedForm.KubeletDefaultContainerLogsDir, KubeEdgeFixtureTree.KubeletGo)]
    [Trait("Tier", "Integration")]
    public async Task Each_series_is_patched_once_and_a_second_run_reports_already_patched(string version, RuncVariant variant, EdgedForm form, string dirsFile)
    {
        RequiredTool.Path("gofmt", "golang-go");
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir.Path, variant, form);
        var tree = new KubeEdgeSourceTree(dir.Path, Repository.Catalog.Resolve(version));
        var patcher = new KubeEdgePatcher(Repository.KubeEdgePatches);
        // rc95's utils.go predates //go:build, so today's gofmt would touch it anyway; the patch must add nothing to that.
        var uncleanBefore = await UnformattedAsync(dir.Path, dirsFile);

        var first = await patcher.ApplyAsync(tree, "/mnt/f2fs", dryRun: false, CancellationToken.None);
        var second = await patcher.ApplyAsync(tree, "/mnt/f2fs", dryRun: false, CancellationToken.None);

        first.Select(c => c.File).ShouldBe([KubeEdgeFixtureTree.UtilsGo, dirsFile]);
        first.ShouldAllBe(c => c.Changed);
        first.ShouldAllBe(c => c.Sha256After == FileHash.Sha256(Path.Combine(dir.Path, c.File)));
        second.ShouldAllBe(c => !c.Changed && c.Sha256Before == c.Sha256After);
        second.Select(c => c.Sha256After).ShouldBe(first.Select(c => c.Sha256After));
        var dirs = File.ReadAllText(dir[dirsFile]);
        dirs.ShouldContain("\"/mnt/f2fs/log/containers\"");
        dirs.ShouldNotContain("\"/var/log/containers\"");
        if (form == EdgedForm.EdgedConstants) dirs.ShouldContain("DefaultRootDir = \"/mnt/f2fs/lib/edged\"");
        (await UnformattedAsync(dir.Path, dirsFile)).ShouldBe(uncleanBefore);
        uncleanBefore.ShouldBe(variant == RuncVariant.Rc95 ? [KubeEdgeFixtureTree.UtilsGo] : []);
    }

    private static async Task<string[]> UnformattedAsync(string tree, string dirsFile) =>
        (await ProcessRunner.OutputOfAsync("gofmt", ["-l", KubeEdgeFixtureTree.UtilsGo, dirsFile], new ProcessOptions { WorkingDirectory = tree }))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Fast")]
    public async Task A_tree_of_another_series_fails_naming_the_constant_and_the_version()
    {
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir.Path, RuncVariant.V11, EdgedForm.KubeletDefaultContainerLogsDir);
        var tree = new KubeEdgeSourceTree(dir.Path, Repository.Catalog.Resolve("1.13.5"));

        var e = await Should.ThrowAsync<BuildException>(() => new KubeEdgePatcher(Repository.KubeEdgePatches).ApplyAsync(tree, "/mnt/f2fs", dryRun: false, CancellationToken.None));

        e.Message.ShouldContain("ContainerLogsDir found 0 times");
        e.Message.ShouldContain("1.13.5");
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Fast")]
    public async Task Another_data_root_moves_both_dirs()
    {
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir.Path, RuncVariant.Rc95, EdgedForm.EdgedConstants);
        var tree = new KubeEdgeSourceTree(dir.Path, Repository.Catalog.Resolve("1.9.1"));

        await new KubeEdgePatcher(Repository.KubeEdgePatches).ApplyAsync(tree, "/data/edge/", dryRun: false, CancellationToken.None);

        var edged = File.ReadAllText(dir[KubeEdgeFixtureTree.EdgedGo]);
        edged.ShouldContain("DefaultRootDir = \"/data/edge/lib/edged\"");
        edged.ShouldContain("= \"/data/edge/log/containers\"");
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void A_source_directory_that_is_not_KubeEdge_is_refused()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["go.mod"], "module example.com/other\n");

        var e = Should.Throw<BuildException>(() => KubeEdgeSourceTree.FromDirectory(dir.Path, Repository.Catalog.Resolve("1.9.1")));

        e.Message.ShouldContain("not a KubeEdge source tree");
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task A_replacement_function_that_is_not_gofmt_clean_is_refused_before_anything_is_written()
    {
        RequiredTool.Path("gofmt", "golang-go");
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.V11, EdgedForm.KubeletContainerLogsDir);
        var patch = File.ReadAllText(Directory.GetFiles(Repository.KubeEdgePatches, "*parse-key-value*.gofunc").Single());
        Directory.CreateDirectory(dir["patches"]);
        File.WriteAllText(dir["patches/0001-badly-formatted.gofunc"], patch.Replace("\tfields := strings.Fields(t)", "  fields  :=  strings.Fields(t)"));
        var before = FileHash.Sha256(dir["src/" + KubeEdgeFixtureTree.UtilsGo]);
        var tree = new KubeEdgeSourceTree(dir["src"], Repository.Catalog.Resolve("1.14.5"));

        var e = await Should.ThrowAsync<BuildException>(() => new KubeEdgePatcher(dir["patches"]).ApplyAsync(tree, "/mnt/f2fs", dryRun: false, CancellationToken.None));

        e.Message.ShouldContain("0001-badly-formatted.gofunc is not gofmt-clean");
        FileHash.Sha256(dir["src/" + KubeEdgeFixtureTree.UtilsGo]).ShouldBe(before);
    }
}
