using EdgeBuild.Engine;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Engine;

[Trait("Tier", "Fast")]
public class ExecutionTests
{
    [Fact(Timeout = 30000)]
    public async Task Independent_targets_run_at_the_same_time()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        var (code, output) = await Task.Run(() => h.Run(build, ["Left", "Right", "--max-parallel", "2"]));
        code.ShouldBe(0, output);
        build.Journal.MaxConcurrent.ShouldBe(2);
        output.ShouldContain("[Left]");
    }

    [Fact(Timeout = 30000)]
    public async Task Max_parallel_one_runs_targets_one_after_another()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        var (_, output) = await Task.Run(() => h.Run(build, ["A", "D", "E", "Slow2", "--max-parallel", "1"]));
        build.Journal.MaxConcurrent.ShouldBe(1, output);
    }

    [Fact(Timeout = 30000)]
    public async Task A_target_starts_only_when_what_it_depends_on_and_orders_after_is_done()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        var (code, _) = await Task.Run(() => h.Run(build, ["Joined", "Right", "--max-parallel", "4"]));
        code.ShouldBe(0);
        var start = build.Journal.IndexOf("start Joined");
        start.ShouldBeGreaterThan(build.Journal.IndexOf("end Left"));
        start.ShouldBeGreaterThan(build.Journal.IndexOf("end Right"));
    }

    [Fact]
    public void A_failure_stops_dependents_and_new_targets_and_exits_non_zero()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        build.Failing.Add("A");
        var (code, output) = h.Run(build, ["C", "E", "--max-parallel", "1"]);
        code.ShouldBe(1);
        build.Journal.Events.ShouldNotContain("start B");
        output.ShouldMatch(@"A\s+Failed");
        output.ShouldMatch(@"B\s+NotRun\s+A did not succeed");
        output.ShouldContain("A failed on purpose");
        output.ShouldMatch(@"Total\s+Failed");
    }

    [Fact]
    public void Proceed_after_failure_lets_independent_targets_run()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        build.Failing.Add("Proceeds");
        var (code, output) = h.Run(build, ["Proceeds", "A", "--max-parallel", "1"]);
        code.ShouldBe(1);
        build.Journal.Events.ShouldContain("end A");
        output.ShouldMatch(@"Proceeds\s+Failed");

        var strict = new ScenarioBuild();
        strict.Failing.Add("A");
        var (_, strictOutput) = h.Run(strict, ["A", "Trigger", "--max-parallel", "1"]);
        strict.Journal.Events.ShouldNotContain("start Trigger");
        strictOutput.ShouldMatch(@"Trigger\s+NotRun\s+not started: A failed");
    }

    [Fact]
    public void Assured_targets_run_after_a_failure()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        build.Failing.Add("B");
        var (code, output) = h.Run(build, ["C", "Cleanup"]);
        code.ShouldBe(1);
        build.Journal.Events.ShouldContain("end Cleanup");
        output.ShouldMatch(@"C\s+NotRun");
        output.ShouldMatch(@"Cleanup\s+Succeeded");
    }

    [Fact(Timeout = 30000)]
    public async Task Cancellation_aborts_running_targets_then_runs_assured_ones()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var (code, output) = await Task.Run(() => h.Run(build, ["Slow", "Slow2", "Cleanup", "--max-parallel", "1"], cts.Token));
        code.ShouldBe(BuildExecutor.Cancelled);
        output.ShouldMatch(@"Slow\s+Aborted");
        output.ShouldMatch(@"Slow2\s+NotRun\s+cancelled");
        output.ShouldMatch(@"Cleanup\s+Succeeded");
        build.Journal.Events.ShouldNotContain("start Slow2");
    }

    [Fact(Timeout = 30000)]
    public async Task Cancellation_kills_child_processes_of_running_targets()
    {
        using var h = new EngineHarness();
        var pidFile = Path.Combine(h.Root, "sleep.pid");
        var build = new ProcessBuild { PidFile = pidFile };
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => h.Run(build, ["Sleeps"], cts.Token));
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0) await Task.Delay(50);
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim());
        cts.Cancel();
        (await run).ExitCode.ShouldBe(BuildExecutor.Cancelled);
        await Task.Delay(300);
        IsRunning(grandchild).ShouldBeFalse("the sleep started by the target's shell must be killed with its tree");
    }

    // A killed process whose parent died stays a zombie (Z) until init reaps it; that is not running.
    private static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Trim()[0] != 'Z';

    [Fact]
    public void Missing_required_parameters_fail_before_anything_runs()
    {
        using var h = new EngineHarness();
        var build = new ScenarioBuild();
        var (code, output) = h.Run(build, ["A", "Needs"]);
        code.ShouldBe(BuildExecutor.UsageError);
        output.ShouldContain("--text (or NUKE_TEXT) is required by Needs");
        build.Journal.Events.ShouldBeEmpty();
        h.Run(new ScenarioBuild(), ["Needs", "--text", "x"]).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Secrets_never_appear_in_log_summary_or_errors()
    {
        using var h = new EngineHarness();
        var (code, output) = h.Run(new ScenarioBuild(), ["Leaks", "--token", "s3cr3t-value"]);
        code.ShouldBe(1);
        output.ShouldNotContain("s3cr3t-value");
        output.ShouldContain("token is ***");
        output.ShouldContain("used ***");
        output.ShouldContain("bad token ***");
    }

    [Fact]
    public void GitHub_Actions_output_is_grouped_per_target_with_error_annotations()
    {
        using var h = new EngineHarness();
        h.Environment["GITHUB_ACTIONS"] = "true";
        var build = new ScenarioBuild();
        build.Failing.Add("B");
        var (_, output) = h.Run(build, ["B"]);
        output.ShouldContain("::group::A (Succeeded)");
        output.ShouldContain("::group::B (Failed)");
        output.ShouldContain("::endgroup::");
        output.ShouldContain("::error title=B failed::B failed on purpose");
    }
}

/// <summary>A build whose target starts a shell that starts a sleep (a grandchild process).</summary>
public class ProcessBuild : NukeBuild
{
    public string PidFile = "";
    public Target Sleeps => _ => _.Executes(ct => EdgeBuild.Tooling.ProcessRunner.RunAsync("sh",
        ["-c", $"sleep 60 & echo $! > {PidFile}; wait"], cancellationToken: ct));
}

