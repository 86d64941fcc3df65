using EdgeBuild.Tooling;
using EdgeBuild.Tests.Support;
using System.Collections;
using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>The KubeEdge targets run through the engine as `./build.sh` runs them.</summary>
public class KubeEdgeTargetsTests
{
    private static (int Code, string Output) Run(params string[] args) => RunIn(Repository.Root, args);

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task EdgecoreConfig_with_embed_cloud_token_writes_the_token_into_a_0600_file_and_masks_it_in_every_log_line()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        const string token = "c0ffee1234.eyJhbGciOiJSUzI1NiJ9-test-token";

        var (code, output) = Run("EdgecoreConfig", "--kubeedge-version", "1.9.1", "--cloudcore-address", "10.1.2.3",
            "--cloud-token", token, "--embed-cloud-token", "--node-name", "dayu200", "--artifacts", dir.Path, "--verbosity", "verbose");

        code.ShouldBe(0, output);
        output.ShouldNotContain(token);
        output.ShouldContain("token: ***");
        File.ReadAllText(dir["rk3568/edgecore/edgecore.yaml"]).ShouldContain($"token: {token}");
        File.GetUnixFileMode(dir["rk3568/edgecore/edgecore.yaml"]).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Fast")]
    public async Task PatchKubeEdge_patches_a_given_source_directory_in_place_and_records_the_hashes()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.V103, EdgedForm.KubeletContainerLogsDir, "v1.0.3");
        var before = FileHash.Sha256(dir["src/" + KubeEdgeFixtureTree.UtilsGo]);

        var (code, output) = Run("PatchKubeEdge", "--kubeedge-version", "1.12.7", "--kubeedge-source", dir["src"], "--artifacts", dir["artifacts"]);

        code.ShouldBe(0, output);
        var record = File.ReadAllText(dir["artifacts/rk3568/edgecore/kubeedge-patches.json"]);
        record.ShouldContain(before);
        record.ShouldContain(FileHash.Sha256(dir["src/" + KubeEdgeFixtureTree.UtilsGo]));
        record.ShouldContain(KubeEdgeFixtureTree.KubeletGo);
        output.ShouldContain("2 changed, 0 already patched");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task A_strict_run_with_a_Kubernetes_outside_the_matrix_fails()
    {
        await Task.Yield();
        using var dir = new TempDirectory();

        var (code, output) = Run("EdgecoreConfig", "--kubeedge-version", "1.9.1", "--kubernetes-version", "1.31", "--strict",
            "--cloudcore-address", "10.1.2.3", "--artifacts", dir.Path);

        code.ShouldNotBe(0);
        output.ShouldContain("outside the compatibility matrix");
        File.Exists(dir["rk3568/edgecore/edgecore.yaml"]).ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Fast")]
    public async Task PatchKubeEdge_with_dry_run_reports_what_would_change_and_writes_nothing()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.Rc95, EdgedForm.EdgedConstants);
        var before = FileHash.Sha256(dir["src/" + KubeEdgeFixtureTree.UtilsGo]);

        var (code, output) = Run("PatchKubeEdge", "--kubeedge-version", "1.9.1", "--kubeedge-source", dir["src"], "--artifacts", dir["artifacts"], "--dry-run");

        code.ShouldBe(0, output);
        output.ShouldContain("would replace ParseKeyValue");
        output.ShouldContain("would set DefaultRootDir /var/lib/edged → /mnt/f2fs/lib/edged");
        FileHash.Sha256(dir["src/" + KubeEdgeFixtureTree.UtilsGo]).ShouldBe(before);
        Directory.Exists(dir["artifacts"]).ShouldBeFalse();
    }

    [Fact(Timeout = 600000)]
    [Trait("Tier", "Integration")]
    public async Task Edgecore_and_EdgecoreConfig_produce_a_verified_static_arm64_binary_and_a_config_from_a_source_tree()
    {
        await Task.Yield();
        RequiredTool.Path("go", "golang-go");
        RequiredTool.Path("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
        RequiredTool.Path("qemu-aarch64-static", "qemu-user-static");
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.Rc95, EdgedForm.EdgedConstants);

        // One target at a time: the engine's runner can start a target twice when a parallel sibling finishes
        // right after it was scheduled (reported with this branch); the two targets here need no parallelism.
        var (code, output) = Run("Edgecore", "EdgecoreConfig", "--kubeedge-version", "1.9.1", "--kubeedge-source", dir["src"],
            "--cloudcore-address", "10.1.2.3", "--artifacts", dir["artifacts"], "--edgecore-build", "native");

        code.ShouldBe(0, output);
        var recorded = new EdgeBuild.Manifests.ArtifactManifest(global::EdgeBuild.Tooling.AbsolutePath.Create(dir["artifacts/rk3568"])).Read()
            .Single(e => e.Path == "edgecore/edgecore");
        (recorded.Component, recorded.Version, recorded.Arch).ShouldBe(("kubeedge", "1.9.1", "arm64"));
        recorded.Changes.ShouldContain(c => c.Contains("utils.go"));
        var binary = dir["artifacts/rk3568/edgecore/edgecore"];
        global::EdgeBuild.Verification.ElfInspector.Read(binary).IsStatic.ShouldBeTrue();
        global::EdgeBuild.Verification.ElfInspector.Read(binary).Machine.ShouldBe("AArch64");
        output.ShouldContain("edgecore accepted a v1alpha1 edgecore.yaml and reports v1.9.1");
        File.Exists(dir["artifacts/rk3568/edgecore/edgecore.yaml"]).ShouldBeTrue();
        File.ReadAllText(dir["artifacts/rk3568/edgecore/kubeedge-patches.json"]).ShouldContain("replaced ParseKeyValue");
    }

    [Fact(Timeout = 600000)]
    [Trait("Tier", "Integration")]
    public async Task Edgecore_is_up_to_date_while_tree_and_version_are_unchanged_and_rebuilt_when_the_tree_changes()
    {
        await Task.Yield();
        RequiredTool.Path("go", "golang-go");
        RequiredTool.Path("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
        RequiredTool.Path("qemu-aarch64-static", "qemu-user-static");
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.V11, EdgedForm.KubeletContainerLogsDir);
        string[] args = ["Edgecore", "--kubeedge-version", "1.14.5", "--kubeedge-source", dir["src"], "--artifacts", dir["artifacts"], "--edgecore-build", "native"];
        var root = dir["repo"];
        CopyRepositoryData(root);

        var first = RunIn(root, args);
        var second = RunIn(root, args);
        File.AppendAllText(dir["src/edge/cmd/edgecore/main.go"], "\n// a change in the tree\n");
        var third = RunIn(root, args);

        first.Code.ShouldBe(0, first.Output);
        second.Output.ShouldMatch(@"Edgecore\s+UpToDate");
        third.Output.ShouldMatch(@"Edgecore\s+Succeeded");
    }

    // A private copy of the repository's data, so the up-to-date records (.nuke/temp) are this test's own.
    private static void CopyRepositoryData(string root)
    {
        foreach (var folder in new[] { "targets", "patches", "toolchains", ".nuke" })
            foreach (var file in Directory.EnumerateFiles(Repository.Root / folder, "*", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}temp{Path.DirectorySeparatorChar}")))
            {
                var target = Path.Combine(root, Path.GetRelativePath(Repository.Root, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
    }

    private static (int Code, string Output) RunIn(string root, string[] args)
    {
        var run = BuildRunner.Run(args, root);
        return (run.ExitCode, run.Output);
    }
}
