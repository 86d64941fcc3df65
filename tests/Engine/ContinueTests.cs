using EdgeBuild.Engine;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Engine;

[Trait("Tier", "Fast")]
public class ContinueTests
{
    [Fact(Timeout = 30000)]
    public async Task Continue_runs_both_independent_failing_branches_and_lists_every_failure()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        build.Failing.UnionWith(["A", "Trigger"]);

        var (code, output) = await Task.Run(() => h.Run(build, ["C", "Trigger", "Default", "--continue", "--max-parallel", "1"]));

        code.ShouldBe(1, output);
        build.Journal.Events.ShouldContain("end A");
        build.Journal.Events.ShouldContain("end Trigger");
        build.Journal.Events.ShouldContain("end Default");
        build.Journal.Events.ShouldNotContain("start B");
        output.ShouldMatch(@"B\s+NotRun\s+A did not succeed");
        output.ShouldContain("Failed: A: A failed on purpose");
        output.ShouldContain("Failed: Trigger: Trigger failed on purpose");
    }

    [Fact(Timeout = 30000)]
    public async Task Without_continue_the_first_failure_stops_new_targets()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        build.Failing.UnionWith(["A", "Trigger"]);

        var (code, output) = await Task.Run(() => h.Run(build, ["C", "Trigger", "Default", "--max-parallel", "1"]));

        code.ShouldBe(1, output);
        build.Journal.Events.ShouldNotContain("start Trigger");
        output.ShouldMatch(@"Trigger\s+NotRun\s+not started: A failed");
        output.ShouldNotContain("Failed: Trigger");
    }
}
