using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Doctor;

public class PrerequisitesTargetTests
{
    [Fact]
    [Trait("Tier", "Integration")]
    public void With_install_prerequisites_the_main_job_installs_before_any_tool_runs()
    {
        using var artifacts = new TempDirectory();
        var run = BuildRunner.Run(["BundleRk3568", "--plan", "--install-prerequisites", "--artifacts", artifacts.Path]);
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("1. Prerequisites  (dependency of");
        foreach (var target in new[] { "UserlandSources", "KubeEdgeSource", "DockerStatic", "SyncOpenHarmony" })
            run.Output.ShouldMatch($@"\d+\. {target} .*after .*Prerequisites");
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void Without_it_nothing_is_installed_and_the_plan_says_why()
    {
        using var artifacts = new TempDirectory();
        var run = BuildRunner.Run(["BundleRk3568", "--plan", "--artifacts", artifacts.Path]);
        run.Output.ShouldContain("Prerequisites  [skipped: no --install-prerequisites]");
    }
}
