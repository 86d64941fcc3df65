using EdgeBuild.Tests.Support;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>The patched vendored package compiled by the real Go toolchain and tested against OpenHarmony's memory.stat.</summary>
[Trait("Tier", "Integration")]
public class PatchedParseKeyValueGoTests
{
    private static async Task<ProcessResult> GoTestAsync(string tree) =>
        await ProcessRunner.RunAsync("go", ["test", "-count=1", KubeEdgeFixtureTree.MemstatPackage], new ProcessOptions
        {
            WorkingDirectory = tree, AllowFailure = true,
            Environment = new Dictionary<string, string?> { ["GOFLAGS"] = "-mod=vendor", ["GOPROXY"] = "off", ["GOWORK"] = "off", ["GO111MODULE"] = "on" },
        });

    [Theory(Timeout = 300000)]
    [InlineData(RuncVariant.Rc95, "1.9.1")]
    [InlineData(RuncVariant.V103, "1.12.7")]
    [InlineData(RuncVariant.V11, "1.14.5")]
    [InlineData(RuncVariant.V12, "1.23.1")]
    public async Task The_Go_test_fails_on_OpenHarmony_lines_before_the_patch_and_passes_after(RuncVariant variant, string version)
    {
        RequiredTool.Path("go", "golang-go");
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir.Path, variant, EdgedForm.EdgedConstants);

        var before = await GoTestAsync(dir.Path);
        var patch = GoFunctionPatch.Load(Directory.GetFiles(Repository.KubeEdgePatches, "*parse-key-value*.gofunc").Single());
        patch.Apply(dir.Path, version);
        var after = await GoTestAsync(dir.Path);

        before.ExitCode.ShouldNotBe(0);
        string.Join("\n", before.LastLines).ShouldContain("Anon:");
        after.ExitCode.ShouldBe(0, string.Join("\n", after.LastLines));
        string.Join("\n", after.LastLines).ShouldContain("ok");
    }
}
