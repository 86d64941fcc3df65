using EdgeBuild.Tests.Support;
using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>
/// The edgecore recipe (static arm64 cgo, version by ldflags) on the fixture's stand-in edgecore with the real Go,
/// cross gcc and qemu; and --edgecore-binary's verification (version and config under qemu). A real edgecore takes
/// many minutes: not built here.
/// </summary>
[Trait("Tier", "Integration")]
public class EdgecoreBuildTests
{
    private static readonly EdgecoreFields Fields = EdgecoreFields.Load(Repository.KubeEdgeData);

    [Fact(Timeout = 600000)]
    public async Task A_cgo_program_built_with_the_edgecore_recipe_is_static_arm64_and_answers_version_under_qemu()
    {
        RequiredTool.Path("go", "golang-go");
        RequiredTool.Path("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
        RequiredTool.Path("qemu-aarch64-static", "qemu-user-static");
        using var dir = new TempDirectory();
        var tree = new KubeEdgeSourceTree(KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.Rc95, EdgedForm.EdgedConstants), Repository.Catalog.Resolve("1.9.1"));
        var producer = new EdgecoreProducer(Repository.Arm64, Fields, "/mnt/f2fs", dir["out/edgecore"], dir["work"]);

        var path = await producer.BuildAsync(tree, Repository.Catalog.GoBuildTags, EdgecoreBuildMode.Native, null, DateTimeOffset.FromUnixTimeSeconds(1700000000), CancellationToken.None);
        var version = await EdgecoreVerifier.VerifyAsync(path, Repository.Arm64, Repository.Catalog.Resolve("1.9.1"), Fields, "/mnt/f2fs", CancellationToken.None);
        var answer = await global::EdgeBuild.Tooling.ProcessRunner.OutputOfAsync("qemu-aarch64-static", [path, "--version"]);

        path.ShouldBe(dir["out/edgecore"]);
        var facts = global::EdgeBuild.Verification.ElfInspector.Read(path);
        facts.Machine.ShouldBe("AArch64");
        facts.IsStatic.ShouldBeTrue();
        version.ShouldBe("Version: v1.9.1");
        answer.ShouldStartWith("KubeEdge v1.9.1 (1.9, archive, ");
        File.ReadAllText(dir["work/logs/edgecore-build.log"]).ShouldContain("-extldflags -static");
    }

    [Fact(Timeout = 600000)]
    public async Task A_prebuilt_binary_is_verified_and_one_of_another_version_or_machine_is_refused()
    {
        RequiredTool.Path("go", "golang-go");
        RequiredTool.Path("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
        RequiredTool.Path("qemu-aarch64-static", "qemu-user-static");
        using var dir = new TempDirectory();
        var tree = new KubeEdgeSourceTree(KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.V11, EdgedForm.KubeletContainerLogsDir), Repository.Catalog.Resolve("1.14.5"));
        var prebuilt = await new EdgecoreProducer(Repository.Arm64, Fields, "/mnt/f2fs", dir["prebuilt/edgecore"], dir["work"])
            .BuildAsync(tree, Repository.Catalog.GoBuildTags, EdgecoreBuildMode.Native, null, DateTimeOffset.FromUnixTimeSeconds(1700000000), CancellationToken.None);
        var producer = new EdgecoreProducer(Repository.Arm64, Fields, "/mnt/f2fs", dir["artifacts/edgecore"], dir["work"]);

        var used = await producer.UsePrebuiltAsync(prebuilt, Repository.Catalog.Resolve("1.14.5"), CancellationToken.None);
        var wrongVersion = await Should.ThrowAsync<BuildException>(() => producer.UsePrebuiltAsync(prebuilt, Repository.Catalog.Resolve("1.9.1"), CancellationToken.None));
        var hostBinary = await Should.ThrowAsync<BuildException>(() => producer.UsePrebuiltAsync(RequiredTool.Path("go", "golang-go"), Repository.Catalog.Resolve("1.14.5"), CancellationToken.None));

        File.ReadAllBytes(used).ShouldBe(File.ReadAllBytes(prebuilt));
        wrongVersion.Message.ShouldContain("is not the edgecore of KubeEdge v1.9.1");
        wrongVersion.Message.ShouldContain("reported v1.14.5");
        hostBinary.Message.ShouldContain("expected AArch64");
    }

    [Fact(Timeout = 120000)]
    public async Task Native_build_with_a_Go_older_than_the_release_needs_says_which_Go()
    {
        var hostGo = await GoToolchainProbe.HostVersionAsync(CancellationToken.None)
            ?? throw new InvalidOperationException("This test needs 'go': apt-get install golang-go.");
        using var dir = new TempDirectory();
        var release = Repository.Catalog.Resolve("1.23.1");
        var tree = new KubeEdgeSourceTree(KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.V12, EdgedForm.KubeletDefaultContainerLogsDir), release);
        GoToolchainProbe.CanBuild(hostGo, release).ShouldBeFalse($"the host's Go {hostGo} is new enough for 1.23; this test needs an older one");

        var e = await Should.ThrowAsync<BuildException>(() => new EdgecoreProducer(Repository.Arm64, Fields, "/mnt/f2fs", dir["out/edgecore"], dir["work"])
            .BuildAsync(tree, "", EdgecoreBuildMode.Native, null, DateTimeOffset.FromUnixTimeSeconds(1700000000), CancellationToken.None));

        e.Message.ShouldContain("needs Go 1.23.12 or newer");
        File.Exists(dir["out/edgecore"]).ShouldBeFalse();
    }

    [Fact(Timeout = 600000)]
    public async Task A_binary_that_rejects_the_config_is_refused()
    {
        RequiredTool.Path("go", "golang-go");
        RequiredTool.Path("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
        RequiredTool.Path("qemu-aarch64-static", "qemu-user-static");
        using var dir = new TempDirectory();
        var release = Repository.Catalog.Resolve("1.9.1");
        var tree = new KubeEdgeSourceTree(KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.Rc95, EdgedForm.EdgedConstants), release);
        // This stand-in only knows the old kind; a binary of another config generation fails the same way.
        var main = dir["src/edge/cmd/edgecore/main.go"];
        File.WriteAllText(main, File.ReadAllText(main).Replace("kind: EdgeCore", "kind: EdgeCoreV0"));

        var e = await Should.ThrowAsync<BuildException>(() => new EdgecoreProducer(Repository.Arm64, Fields, "/mnt/f2fs", dir["out/edgecore"], dir["work"])
            .BuildAsync(tree, "", EdgecoreBuildMode.Native, null, DateTimeOffset.FromUnixTimeSeconds(1700000000), CancellationToken.None));

        e.Message.ShouldContain("logged no version");
        e.Message.ShouldContain("invalid config file");
        File.Exists(dir["out/edgecore"]).ShouldBeFalse();
    }
}
