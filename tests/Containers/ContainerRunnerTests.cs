using Docker.DotNet.Models;
using ContainerSpec = EdgeBuild.Containers.ContainerSpec;
using EdgeBuild.Containers;
using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Containers;

/// <summary>The runner against the real Docker engine (DOCKER_HOST), with an image imported here.</summary>
[Trait("Tier", "Integration")]
public class ContainerRunnerTests
{
    // A label only this test's container carries, so the check ignores containers of tests running beside it.
    private static Dictionary<string, string> TestLabel(string value) => new() { ["edge-build-test"] = value };

    [Fact(Timeout = 120000)]
    public async Task A_container_runs_with_binds_and_environment_and_is_removed()
    {
        var image = await BusyboxImage.EnsureAsync();
        var label = Guid.NewGuid().ToString("N");
        using var dir = new TempDirectory();
        using var client = DockerEngine.Connect();
        var runner = new ContainerRunner(client);

        var code = await runner.RunAsync(new ContainerSpec
        {
            Image = image,
            Command = ["sh", "-c", "echo \"$WORD\" > /work/out.txt"],
            Binds = new Dictionary<string, string> { [dir.Path] = "/work" },
            Environment = new Dictionary<string, string> { ["WORD"] = "hello from the container" },
            LogFile = dir["logs/run.log"],
            Labels = TestLabel(label),
        }, CancellationToken.None);

        code.ShouldBe(0);
        File.ReadAllText(dir["out.txt"]).Trim().ShouldBe("hello from the container");
        (await LeftoverContainers.AnyLabelledAsync("edge-build-test", label)).ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    public async Task A_non_zero_exit_fails_with_the_last_lines_and_removes_the_container()
    {
        var image = await BusyboxImage.EnsureAsync();
        var label = Guid.NewGuid().ToString("N");
        using var dir = new TempDirectory();
        using var client = DockerEngine.Connect();
        var runner = new ContainerRunner(client);

        var e = await Should.ThrowAsync<BuildException>(() => runner.RunAsync(new ContainerSpec
        {
            Image = image, Command = ["sh", "-c", "echo compiling; echo 'ld: cannot find -lfoo' >&2; exit 3"], LogFile = dir["run.log"],
            Labels = TestLabel(label),
        }, CancellationToken.None));

        e.Message.ShouldContain("exited with code 3");
        e.Message.ShouldContain("ld: cannot find -lfoo");
        e.Message.ShouldContain(dir["run.log"]);
        (await LeftoverContainers.AnyLabelledAsync("edge-build-test", label)).ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    public async Task Cancellation_stops_and_removes_the_container()
    {
        var image = await BusyboxImage.EnsureAsync();
        var label = Guid.NewGuid().ToString("N");
        using var client = DockerEngine.Connect();
        var runner = new ContainerRunner(client);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Should.ThrowAsync<OperationCanceledException>(() => runner.RunAsync(new ContainerSpec
        {
            Image = image, Command = ["sleep", "600"], Labels = TestLabel(label),
        }, cts.Token));

        (await LeftoverContainers.AnyLabelledAsync("edge-build-test", label)).ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    public async Task A_missing_image_that_cannot_be_pulled_says_what_to_do()
    {
        using var client = DockerEngine.Connect();
        var e = await Should.ThrowAsync<BuildException>(() => new ContainerRunner(client)
            .EnsureImageAsync("edge-build-test/does-not-exist:0", CancellationToken.None));
        e.Message.ShouldContain("could not be pulled");
        e.Message.ShouldContain("--builder-image");
    }
}
