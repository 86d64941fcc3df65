using EdgeBuild.Tests.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Engine;

/// <summary>Two builds writing the same declared output take turns; the waiting one says whom it waits for.</summary>
public class OutputLockTests
{
    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task A_second_build_on_the_same_outputs_waits_for_the_first_and_says_so()
    {
        using var h = new EngineHarness();

        var gate = Path.Combine(h.Root, "gate");
        var secondOutput = new WatchedWriter("waiting for");

        var first = Task.Run(() => h.Run(new FailureBuild(), ["Produce", "--gate", gate]));
        await WaitForHolderAsync(Path.Combine(h.Root, "artifacts"));
        var second = Task.Run(() => h.Run(new FailureBuild(), ["Produce", "--gate", gate], output: secondOutput));
        // The first build holds its output until the second says it waits (however slow this machine is), then finishes.
        await Task.WhenAny(secondOutput.Seen, second, Task.Delay(60000));
        File.WriteAllText(gate, "");
        var results = await Task.WhenAll(first, second);

        results[0].ExitCode.ShouldBe(0, results[0].Output);
        results[1].ExitCode.ShouldBe(0, results[1].Output);
        results[1].Output.ShouldContain($"waiting for {Environment.ProcessId}/Produce (it writes {Path.Combine(h.Root, "artifacts", "produced")})");
    }

    [Fact(Timeout = 240000)]
    [Trait("Tier", "Integration")]
    public async Task Two_concurrent_DockerStatic_runs_on_one_artifacts_directory_both_succeed()
    {
        using var dir = new TempDirectory();
        var artifacts = dir["artifacts"];
        // Padded: the first run holds the output for the unpacking and hashing of ~32 MB, long after the second has
        // planned and asked for it (unpadded, a loaded machine let the first finish before the second asked).
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2",
            ["containerd", "containerd-shim", "ctr", "docker", "docker-init", "docker-proxy", "dockerd", "runc"], await Fixtures.PaddedStaticElfAsync(4));
        string[] args = ["DockerStatic", "--artifacts", artifacts, "--pins", Fixtures.DockerPins(dir.Path, tarball, "18.09.2"), "--docker-static-tarball", tarball, "--force"];

        var first = Task.Run(() => BuildRunner.Run(args));
        await WaitForHolderAsync(artifacts);
        var second = Task.Run(() => BuildRunner.Run(args));
        var results = await Task.WhenAll(first, second);

        results[0].ExitCode.ShouldBe(0, results[0].Output);
        results[1].ExitCode.ShouldBe(0, results[1].Output);
        results[1].Output.ShouldContain($"waiting for {Environment.ProcessId}/DockerStatic");
        Directory.GetFiles(Path.Combine(artifacts, "rk3568", "docker-static")).Length.ShouldBe(8);
    }

    // The first build has taken its output lock once the holder file exists.
    private static async Task WaitForHolderAsync(string artifacts)
    {
        var locks = Path.Combine(artifacts, ".locks");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Directory.Exists(locks) || Directory.GetFiles(locks, "*.holder").Length == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The first build never took an output lock in {locks}.");
            await Task.Delay(10);
        }
    }
}
