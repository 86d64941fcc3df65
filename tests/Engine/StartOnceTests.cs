using EdgeBuild.Engine;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Engine;

/// <summary>Many quick independent targets and one that joins them.</summary>
public class FanBuild : NukeBuild
{
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Starts = new();
    Task Count(string name) { Starts.AddOrUpdate(name, 1, (_, n) => n + 1); return Task.Delay(1); }
    public Target P1 => _ => _.Executes(() => Count("P1"));
    public Target P2 => _ => _.Executes(() => Count("P2"));
    public Target P3 => _ => _.Executes(() => Count("P3"));
    public Target P4 => _ => _.Executes(() => Count("P4"));
    public Target P5 => _ => _.Executes(() => Count("P5"));
    public Target P6 => _ => _.Executes(() => Count("P6"));
    public Target Join => _ => _.DependsOn(P1, P2, P3, P4, P5, P6).Executes(() => Count("Join"));
}

[Trait("Tier", "Fast")]
public class StartOnceTests
{
    [Fact(Timeout = 60000)]
    public async Task Every_target_starts_exactly_once_however_quickly_its_siblings_finish()
    {
        using var h = new EngineHarness();
        for (var round = 0; round < 30; round++)
        {
            var build = new FanBuild();
            var (code, output) = await Task.Run(() => h.Run(build, ["Join", "--max-parallel", "6"]));
            code.ShouldBe(0, output);
            build.Starts.Values.ShouldAllBe(n => n == 1, $"round {round}: {string.Join(", ", build.Starts)}");
            build.Starts.Count.ShouldBe(7);
        }
    }
}
