using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Tooling;

[Trait("Tier", "Fast")]
public class ProcessRunnerTests
{
    [Fact(Timeout = 30000)]
    public async Task A_failing_command_names_the_command_exit_code_log_and_last_lines()
    {
        using var dir = new Support.TempDirectory();
        var log = dir["logs/step.log"];
        var e = await Should.ThrowAsync<ProcessFailedException>(() => ProcessRunner.RunAsync("sh",
            ["-c", "echo first; echo 'the real reason' >&2; exit 7"], new ProcessOptions { LogFile = log, WorkingDirectory = dir.Path }));
        e.ExitCode.ShouldBe(7);
        e.Message.ShouldContain("exit code 7");
        e.Message.ShouldContain("sh -c 'echo first;");
        e.Message.ShouldContain($"log: {log}");
        e.Message.ShouldContain("the real reason");
        File.ReadAllText(log).ShouldContain("first");
    }

    [Fact(Timeout = 30000)]
    public async Task A_long_quiet_step_logs_that_it_is_still_running()
    {
        var writer = new StringWriter();
        EdgeBuild.Engine.Log.Output = new EdgeBuild.Engine.ConsoleOutput { Writer = writer, IsInteractive = false };

        await ProcessRunner.RunAsync("sh", ["-c", "echo compiling libbb; sleep 2.5"], new ProcessOptions { Heartbeat = TimeSpan.FromSeconds(1) });

        writer.ToString().ShouldContain("... sh: ");
        writer.ToString().ShouldContain("1 lines: compiling libbb");
        writer.ToString().ShouldNotContain("\r");
    }

    [Fact(Timeout = 30000)]
    public async Task Output_can_be_captured_and_environment_set()
    {
        var output = await ProcessRunner.OutputOfAsync("sh", ["-c", "echo \"$GREETING\""],
            new ProcessOptions { Environment = new Dictionary<string, string?> { ["GREETING"] = "hello edge" } });
        output.ShouldBe("hello edge");
    }

    [Fact(Timeout = 30000)]
    public async Task A_missing_program_says_how_to_find_what_is_missing()
    {
        var e = await Should.ThrowAsync<EdgeBuild.Reporting.BuildException>(() => ProcessRunner.RunAsync("no-such-tool-xyz", []));
        e.Message.ShouldContain("no-such-tool-xyz");
        e.Message.ShouldContain("Doctor");
    }

    [Fact(Timeout = 30000)]
    public async Task Secrets_are_masked_in_failure_messages_and_logs()
    {
        EdgeBuild.Reporting.Secrets.Register("tok-5ecret-abc");
        using var dir = new Support.TempDirectory();
        var e = await Should.ThrowAsync<ProcessFailedException>(() => ProcessRunner.RunAsync("sh",
            ["-c", "echo using tok-5ecret-abc; exit 1", "tok-5ecret-abc"], new ProcessOptions { LogFile = dir["x.log"] }));
        e.Message.ShouldNotContain("tok-5ecret-abc");
        File.ReadAllText(dir["x.log"]).ShouldNotContain("tok-5ecret-abc");
    }
}
