using System.Diagnostics;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Cli;

/// <summary>Runs ./build.sh as a user would; serialised, since each run may rebuild the build project.</summary>
[CollectionDefinition("build.sh", DisableParallelization = true)]
public sealed class BuildScriptCollection;

[Collection("build.sh")]
public class BuildScriptTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "build.sh"))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("GITHUB_ACTIONS");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Fast")]
    public async Task Help_lists_the_targets_and_parameters()
    {
        var (code, output) = await RunAsync("--help");
        code.ShouldBe(0, output);
        output.ShouldContain("Doctor");
        output.ShouldContain("Test");
        output.ShouldContain("--board");
        output.ShouldContain("(env NUKE_BOARD)");
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task Plan_prints_the_plan_and_writes_the_mermaid_graph()
    {
        using var artifacts = new TempDirectory();
        var (code, output) = await RunAsync("--plan", "Test", "--artifacts", artifacts.Path);
        code.ShouldBe(0, output);
        output.ShouldContain("1. Test  (requested)");
        File.ReadAllText(artifacts["plan.mmd"]).ShouldStartWith("flowchart LR");
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Fast")]
    public async Task An_unknown_target_exits_with_a_usage_error_and_suggestions()
    {
        var (code, output) = await RunAsync("Docter");
        code.ShouldBe(2);
        output.ShouldContain("Unknown target 'Docter'. Did you mean: Doctor?");
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Fast")]
    public async Task A_failing_target_exits_non_zero_with_a_summary()
    {
        var (code, output) = await RunAsync("Doctor", "--minimum-free-gib", "100000000");
        code.ShouldBe(1, output);
        output.ShouldMatch(@"Doctor\s+Failed");
        output.ShouldMatch(@"Total\s+Failed");
    }
}
