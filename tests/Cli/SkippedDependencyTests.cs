using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Cli;

/// <summary>
/// Generated from the real graph: every target run with each of its dependencies skipped ends in success or a
/// one-sentence error, never an unhandled exception (a NullReferenceException from a result that was never handed over).
/// </summary>
[Trait("Tier", "Integration")]
public class SkippedDependencyTests
{
    /// <summary>(target, dependency) for every edge of the declared graph.</summary>
    public static TheoryData<string, string> Edges()
    {
        var graph = new Build().DeclaredGraph();
        var data = new TheoryData<string, string>();
        foreach (var (target, dependencies) in graph.DependsOn.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            foreach (var dependency in dependencies) data.Add(target, dependency);
        return data;
    }

    // Kill switches: no network, an empty download cache, a workspace that asks for more disk than exists, no device tool.
    private static string[] Isolated(TempDirectory dir) =>
        ["--artifacts", dir["artifacts"], "--downloads-dir", dir["downloads"], "--offline", "--ohos-workspace", dir["ohos"],
         "--ohos-sync-free-gib", "1000000", "--hdc", dir["no-hdc"], "--release-version", "1.0.0", "--source-date-epoch", "1700000000",
         "--github-api-url", ClosedPort.Url(), "--max-parallel", "1"];

    [Theory(Timeout = 120000)]
    [MemberData(nameof(Edges))]
    public async Task Skipping_a_dependency_ends_in_success_or_a_one_sentence_error(string target, string dependency)
    {
        foreach (var mode in new[] { Array.Empty<string>(), ["--dry-run"] })
        {
            using var dir = new TempDirectory();

            var run = await Task.Run(() => BuildRunner.Run([target, "--skip", dependency, .. Isolated(dir), .. mode]));

            var context = $"{target} --skip {dependency} {string.Join(" ", mode)}\n{run.Output}";
            run.ExitCode.ShouldBeOneOf([0, 1, BuildExecutor.UsageError], context);
            run.Output.ShouldNotContain("Unexpected failure", Case.Sensitive, context);
            run.Output.ShouldNotContain("Object reference not set", Case.Sensitive, context);
            foreach (var failed in run.Build.Runs.Where(r => r.Status == TargetStatus.Failed))
                failed.Error.ShouldNotBeNullOrWhiteSpace(context);
            if (run.ExitCode != BuildExecutor.UsageError) run.StatusOf(dependency).ShouldBe(TargetStatus.Skipped, context);
        }
    }

    [Fact(Timeout = 60000)]
    public async Task The_generated_walk_covers_the_edges_the_issue_named()
    {
        await Task.Yield();
        var edges = Edges().Select(row => ((string)row[0], (string)row[1])).ToList();

        edges.ShouldContain(("Edgecore", "PatchKubeEdge"));
        edges.ShouldContain(("PatchKubeEdge", "KubeEdgeSource"));
        edges.ShouldContain(("Sidecar", "Userland"));
        edges.ShouldContain(("BundleRk3568", "Sidecar"));
    }
}
