using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Cli;

/// <summary>--continue on the real build: two independent targets failing for different reasons are both reported.</summary>
[Trait("Tier", "Fast")]
public class ContinueOnRealGraphTests
{
    private static string[] TwoFailingTargets(TempDirectory dir) =>
        ["DockerStatic", "BumpVersions", "--dry-run", "--bump-components", "docker-static", "--github-api-url", ClosedPort.Url(),
         "--docker-static-tarball", dir["no-such-docker.tgz"], "--artifacts", dir["artifacts"], "--max-parallel", "1"];

    [Fact(Timeout = 120000)]
    public async Task Continue_reports_a_network_failure_and_a_missing_file_in_one_run()
    {
        using var dir = new TempDirectory();

        var run = await Task.Run(() => BuildRunner.Run([.. TwoFailingTargets(dir), "--continue"]));

        run.ExitCode.ShouldBe(1, run.Output);
        run.StatusOf("DockerStatic").ShouldBe(TargetStatus.Failed, run.Output);
        run.StatusOf("BumpVersions").ShouldBe(TargetStatus.Failed, run.Output);
        run.Output.ShouldMatch(@"Failed: DockerStatic: .*no-such-docker\.tgz");
        run.Output.ShouldContain("Failed: BumpVersions: 1 of 1 lookups failed (docker-static)");
    }

    [Fact(Timeout = 120000)]
    public async Task Without_continue_the_second_target_is_not_started()
    {
        using var dir = new TempDirectory();

        var run = await Task.Run(() => BuildRunner.Run(TwoFailingTargets(dir)));

        run.ExitCode.ShouldBe(1, run.Output);
        run.Build.Runs.Count(r => r.Status == TargetStatus.Failed).ShouldBe(1, run.Output);
        run.Output.ShouldContain("not started:");
    }
}
