using System.Text;
using EdgeBuild.Engine;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>The KubeEdge targets hand the tree over through the engine: a skipped producer is replaced by its parameter or named.</summary>
public class KubeEdgeHandoverTests
{
    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task PatchKubeEdge_with_KubeEdgeSource_skipped_names_it_and_the_parameter_that_replaces_it()
    {
        using var dir = new TempDirectory();

        var run = await Task.Run(() => BuildRunner.Run(["PatchKubeEdge", "--skip", "KubeEdgeSource", "--artifacts", dir["artifacts"], "--offline"]));

        run.ExitCode.ShouldBe(1, run.Output);
        run.Build.Runs.Single(r => r.Name == "PatchKubeEdge").Error.ShouldBe(
            "PatchKubeEdge needs what KubeEdgeSource hands over, but KubeEdgeSource was skipped by --skip: run KubeEdgeSource, or give --kubeedge-source DIR.");
        Directory.Exists(dir["artifacts/rk3568/edgecore"]).ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Fast")]
    public async Task PatchKubeEdge_with_KubeEdgeSource_skipped_patches_the_kubeedge_source_tree()
    {
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.V103, EdgedForm.KubeletContainerLogsDir, "v1.0.3");
        var before = FileHash.Sha256(dir["src/" + KubeEdgeFixtureTree.UtilsGo]);

        var run = await Task.Run(() => BuildRunner.Run(["PatchKubeEdge", "--skip", "KubeEdgeSource", "--kubeedge-version", "1.12.7",
            "--kubeedge-source", dir["src"], "--artifacts", dir["artifacts"]]));

        run.ExitCode.ShouldBe(0, run.Output);
        FileHash.Sha256(dir["src/" + KubeEdgeFixtureTree.UtilsGo]).ShouldNotBe(before);
        run.Build.Results.Find<KubeEdgePatched>("PatchKubeEdge")!.Changes.Count(c => c.Changed).ShouldBe(2);
    }

    [Fact(Timeout = 900000)]
    [Trait("Tier", "Integration")]
    public async Task Edgecore_is_stamped_with_the_source_date_epoch_parameter_and_builds_a_given_tree_when_PatchKubeEdge_is_skipped()
    {
        RequiredTool.Path("go", "golang-go");
        RequiredTool.Path("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
        RequiredTool.Path("qemu-aarch64-static", "qemu-user-static");
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.Rc95, EdgedForm.EdgedConstants);
        string[] common = ["Edgecore", "--kubeedge-version", "1.9.1", "--kubeedge-source", dir["src"], "--artifacts", dir["artifacts"], "--edgecore-build", "native"];
        var binary = dir["artifacts/rk3568/edgecore/edgecore"];

        var unpatched = await Task.Run(() => BuildRunner.Run([.. common, "--skip", "PatchKubeEdge", "--source-date-epoch", "1700000000"]));
        var first = File.ReadAllBytes(binary);
        var firstChanges = new EdgeBuild.Manifests.ArtifactManifest(AbsolutePath.Create(dir["artifacts/rk3568"])).Read().Single(e => e.Path == "edgecore/edgecore").Changes;
        var later = await Task.Run(() => BuildRunner.Run([.. common, "--source-date-epoch", "1600000000"]));
        var second = File.ReadAllBytes(binary);

        unpatched.ExitCode.ShouldBe(0, unpatched.Output);
        Contains(first, "2023-11-14T22:13:20Z").ShouldBeTrue("the first build carries --source-date-epoch 1700000000");
        firstChanges.ShouldBeEmpty("PatchKubeEdge was skipped: the given tree is built as it is");
        later.ExitCode.ShouldBe(0, later.Output);
        later.StatusOf("Edgecore").ShouldBe(TargetStatus.Succeeded, "another epoch is another binary, not an up-to-date one");
        Contains(second, "2020-09-13T12:26:40Z").ShouldBeTrue("the second build carries --source-date-epoch 1600000000");
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
}
