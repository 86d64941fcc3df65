using EdgeBuild.Engine;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Engine;

[Trait("Tier", "Fast")]
public class PlanningTests
{
    [Fact]
    public void Dependencies_run_before_their_dependents()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        var (code, _) = h.Run(build, ["C"]);
        code.ShouldBe(0);
        build.Journal.Events.Where(e => e.StartsWith("start") && e != "start ByTrigger").ShouldBe(["start F", "start A", "start B", "start C"]);
        build.Journal.IndexOf("start ByTrigger").ShouldBeGreaterThan(build.Journal.IndexOf("end A"));
    }

    [Fact]
    public void After_and_Before_order_only_targets_already_in_the_plan()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        h.Run(build, ["D", "A", "E", "--max-parallel", "4"]).ExitCode.ShouldBe(0);
        build.Journal.IndexOf("start D").ShouldBeGreaterThan(build.Journal.IndexOf("end A"));
        build.Journal.IndexOf("start A").ShouldBeGreaterThan(build.Journal.IndexOf("end E"));

        var alone = new ScenarioBuild();
        h.Run(alone, ["D"]).ExitCode.ShouldBe(0);
        alone.Journal.Events.ShouldBe(["start D", "end D"]);
    }

    [Fact]
    public void Triggers_add_targets_that_run_after_the_trigger()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        h.Run(build, ["Trigger"]).ExitCode.ShouldBe(0);
        build.Journal.IndexOf("start Triggered").ShouldBeGreaterThan(build.Journal.IndexOf("end Trigger"));

        var byA = new ScenarioBuild();
        h.Run(byA, ["A"]).ExitCode.ShouldBe(0);
        byA.Journal.Events.ShouldContain("end ByTrigger");
    }

    [Fact]
    public void A_failed_trigger_does_not_run_what_it_triggers()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        build.Failing.Add("Trigger");
        var (code, output) = h.Run(build, ["Trigger"]);
        code.ShouldBe(1);
        build.Journal.Events.ShouldNotContain("start Triggered");
        output.ShouldMatch(@"Triggered\s+NotRun");
    }

    [Fact]
    public void A_skipped_target_triggers_nothing_and_its_dependents_still_run()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        var (code, output) = h.Run(build, ["C", "Trigger", "--skip", "A", "Trigger"]);
        code.ShouldBe(0);
        build.Journal.Events.ShouldNotContain("start A");
        build.Journal.Events.ShouldNotContain("start ByTrigger");
        build.Journal.Events.ShouldNotContain("start Trigger");
        build.Journal.Events.ShouldNotContain("start Triggered");
        build.Journal.Events.ShouldContain("end C");
        output.ShouldMatch(@"A\s+Skipped\s+skipped by --skip");
    }

    [Fact]
    public void Skip_without_a_list_runs_only_the_invoked_targets_and_lists_what_only_skipped_targets_needed()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        var (code, output) = h.Run(build, ["C", "--skip"]);
        code.ShouldBe(0);
        build.Journal.Events.ShouldBe(["start C", "end C"]);
        output.ShouldMatch(@"B\s+Skipped\s+skipped by --skip");
        output.ShouldMatch(@"F\s+Skipped");
    }

    [Fact]
    public void A_false_static_condition_skips_the_target_and_what_only_it_needed()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild { StaticCondition = false };
        var (code, output) = h.Run(build, ["SkipsStatic", "--plan"]);
        code.ShouldBe(0);
        output.ShouldContain("SkipsStatic  [skipped: condition false (OnlyWhenStatic)]");
        output.ShouldContain("OnlyForStatic  [skipped: only needed by skipped SkipsStatic]");
        h.Run(build, ["SkipsStatic"]).ExitCode.ShouldBe(0);
        build.Journal.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_false_dynamic_condition_skips_at_run_time_and_triggers_nothing()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild { DynamicCondition = false };
        var (code, output) = h.Run(build, ["SkipsDynamic"]);
        code.ShouldBe(0);
        build.Journal.Events.ShouldBeEmpty();
        output.ShouldMatch(@"SkipsDynamic\s+Skipped\s+condition false \(OnlyWhenDynamic\)");
        output.ShouldMatch(@"Triggered\s+Skipped\s+not triggered");
    }

    [Fact]
    public void A_condition_can_say_why_it_skips()
    {
        using var h = new EngineHarness();
        h.Run(new ScenarioBuild { StaticCondition = false }, ["SkipsWithReason", "--plan"]).Output.ShouldContain("[skipped: no --text given]");
        h.Run(new ScenarioBuild { DynamicCondition = false }, ["SkipsWithReason"]).Output.ShouldMatch(@"SkipsWithReason\s+Skipped\s+nothing to do today");
    }

    [Fact]
    public void A_cycle_is_an_error_naming_the_cycle()
    {
        using var h = new EngineHarness();
        var (code, output) = h.Run(new CycleBuild(), ["One"]);
        code.ShouldBe(BuildExecutor.UsageError);
        output.ShouldContain("cycle");
        output.ShouldContain("One → Two → Three → One");
    }

    [Fact]
    public void An_unknown_target_fails_with_close_names()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        var (code, output) = h.Run(build, ["Trigers"]);
        code.ShouldBe(BuildExecutor.UsageError);
        output.ShouldContain("Unknown target 'Trigers'");
        output.ShouldContain("Did you mean: Trigger");
        build.Journal.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Targets_can_be_named_with_target_and_plus()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        h.Run(build, ["--target", "A+D"]).ExitCode.ShouldBe(0);
        build.Journal.Events.Where(e => e.StartsWith("start")).ShouldBe(["start F", "start A", "start D", "start ByTrigger"], ignoreOrder: true);
    }

    [Fact]
    public void The_default_target_runs_when_none_is_named()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        h.Run(build, []).ExitCode.ShouldBe(0);
        build.Journal.Events.ShouldBe(["start Default", "end Default"]);
    }

    [Fact]
    public void Plan_prints_the_order_and_writes_a_mermaid_graph_without_running()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        var (code, output) = h.Run(build, ["C", "--plan"]);
        code.ShouldBe(0);
        build.Journal.Events.ShouldBeEmpty();
        output.ShouldContain("1. F");
        output.ShouldContain("4. C  (requested)  after B");
        var mermaid = File.ReadAllText(Path.Combine(h.Root, "artifacts", "plan.mmd"));
        mermaid.ShouldStartWith("flowchart LR");
        mermaid.ShouldContain("B --> C");
        mermaid.ShouldContain("A ==> ByTrigger");
    }
}
