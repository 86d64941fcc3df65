using EdgeBuild.Engine;
using EdgeBuild.Manifests;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

[Collection(UserlandBuildCollection.Name)]
[Trait("Tier", "Integration")]
public sealed class UserlandCacheTests(UserlandBuildFixture fixture)
{
    [Fact(Timeout = 120000)]
    public async Task A_second_run_is_up_to_date()
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);

        var second = await fixture.RunAsync("Userland");

        second.ExitCode.ShouldBe(0, second.Output);
        foreach (var target in new[] { "Busybox", "Iproute2", "Iptables", "F2fsTools" }) second.Status(target).ShouldBe(TargetStatus.UpToDate, second.Output);
    }

    [Fact(Timeout = 600000)]
    public async Task Iproute2_is_rebuilt_only_when_its_patch_changes()
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);
        var patches = (fixture.Root / "patches" / "iproute2").CreateDirectory();
        File.WriteAllText(patches / "0001-edge-build-test-marker.patch", """
            Adds a marker file, so the test can see the patch was applied to the build tree.
            Upstream: not applicable (test only)

            --- /dev/null
            +++ b/EDGE-BUILD-TEST-MARKER
            @@ -0,0 +1 @@
            +patched

            """);

        var patched = await fixture.RunAsync("Userland");

        patched.ExitCode.ShouldBe(0, patched.Output);
        patched.Status("Iproute2").ShouldBe(TargetStatus.Succeeded, patched.Output);
        patched.Status("Busybox").ShouldBe(TargetStatus.UpToDate, patched.Output);
        patched.Status("Iptables").ShouldBe(TargetStatus.UpToDate, patched.Output);
        patched.Status("F2fsTools").ShouldBe(TargetStatus.UpToDate, patched.Output);
        Directory.GetFiles(fixture.Root / ".nuke" / "temp" / "work", "EDGE-BUILD-TEST-MARKER", SearchOption.AllDirectories).ShouldHaveSingleItem();
        new ArtifactManifest(fixture.Root / "artifacts" / "rk3568").Read().Single(e => e.Path == "userland/arm64/bin/ip")
            .Changes.ShouldContain("0001-edge-build-test-marker.patch (Upstream: not applicable (test only))");
    }
}
