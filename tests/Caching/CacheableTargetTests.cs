using EdgeBuild.Caching;
using EdgeBuild.Engine;
using EdgeBuild.Tests.Engine;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Caching;

/// <summary>A cacheable target that upper-cases an input into artifacts/&lt;dir&gt;/out.txt, counting its runs.</summary>
public class CachedCopyBuild(string cacheRoot) : NukeBuild
{
    public string Input = "";
    public string ArtifactsDir = "artifacts";
    public string Key = "v1";
    public int RunCount;
    public string? Captured;
    public string? Restored;
    public bool RejectRestore;

    public override OutputCache? OutputCache => new(AbsolutePath.Create(cacheRoot), 1 << 20);
    private string Output => Path.Combine(RootDirectory, ArtifactsDir, "out.txt");

    public Target Copy => _ => _
        .Inputs(() => [Input])
        .Outputs(() => [Output])
        .ContentKey(() => Key)
        .Cacheable(new CacheHooks
        {
            Capture = _ => Task.FromResult<string?>(Captured),
            Restored = (extra, _) => { Restored = extra; return RejectRestore ? throw new BuildException("restored output is wrong") : Task.CompletedTask; },
        })
        .Executes(() =>
        {
            RunCount++;
            Directory.CreateDirectory(Path.GetDirectoryName(Output)!);
            File.WriteAllText(Output, File.ReadAllText(Input).ToUpperInvariant());
        });
}

[Trait("Tier", "Fast")]
public sealed class CacheableTargetTests : IDisposable
{
    private readonly EngineHarness _h = new();
    private string Cache => Path.Combine(_h.Root, "cache");

    private CachedCopyBuild New(string artifacts, string key = "v1") =>
        new(Cache) { Input = Path.Combine(_h.Root, "in.txt"), ArtifactsDir = artifacts, Key = key, Captured = "manifest entries" };

    public CacheableTargetTests() => _h.Write("in.txt", "hello");

    [Fact]
    public void A_fresh_artifacts_directory_is_filled_from_the_cache_without_running_the_target()
    {
        _h.Run(New("first"), ["Copy"]).ExitCode.ShouldBe(0);

        var second = New("second");
        var (code, output) = _h.Run(second, ["Copy"]);

        code.ShouldBe(0, output);
        second.RunCount.ShouldBe(0);
        second.Restored.ShouldBe("manifest entries");
        File.ReadAllText(Path.Combine(_h.Root, "second", "out.txt")).ShouldBe("HELLO");
        output.ShouldMatch(@"Copy\s+Succeeded .*restored from cache");
        _h.Run(New("second"), ["Copy"]).Output.ShouldMatch(@"Copy\s+UpToDate");
    }

    [Fact]
    public void A_changed_content_key_or_input_misses()
    {
        _h.Run(New("first"), ["Copy"]).ExitCode.ShouldBe(0);

        var otherKey = New("second", key: "v2");
        _h.Run(otherKey, ["Copy"]).ExitCode.ShouldBe(0);
        _h.Write("in.txt", "changed");
        var otherInput = New("third");
        _h.Run(otherInput, ["Copy"]).ExitCode.ShouldBe(0);

        otherKey.RunCount.ShouldBe(1);
        otherInput.RunCount.ShouldBe(1);
        File.ReadAllText(Path.Combine(_h.Root, "third", "out.txt")).ShouldBe("CHANGED");
    }

    [Fact]
    public void A_restore_its_check_rejects_is_dropped_and_the_target_runs()
    {
        _h.Run(New("first"), ["Copy"]).ExitCode.ShouldBe(0);

        var rejecting = New("second");
        rejecting.RejectRestore = true;
        var (code, output) = _h.Run(rejecting, ["Copy"]);

        code.ShouldBe(0, output);
        rejecting.RunCount.ShouldBe(1);
        output.ShouldContain("failed their check (restored output is wrong)");
        new OutputCache(AbsolutePath.Create(Cache), 1 << 20).List().ShouldHaveSingleItem().Hits.ShouldBe(0);
    }

    [Fact]
    public void Force_runs_the_target_instead_of_restoring()
    {
        _h.Run(New("first"), ["Copy"]).ExitCode.ShouldBe(0);

        var forced = New("second");
        _h.Run(forced, ["Copy", "--force"]).ExitCode.ShouldBe(0);

        forced.RunCount.ShouldBe(1);
    }

    public void Dispose() => _h.Dispose();
}

[Trait("Tier", "Fast")]
public sealed class TestRunCacheIsolationTests
{
    [Fact]
    public void In_process_runs_leave_the_users_output_cache_alone_unless_they_name_one()
    {
        using var temp = new EdgeBuild.Tests.Support.TempDirectory();

        var plain = EdgeBuild.Tests.Support.BuildRunner.Run(["Clean", "--plan"]);
        var named = EdgeBuild.Tests.Support.BuildRunner.Run(["Clean", "--plan", "--outputs-cache", temp.Path]);

        plain.Build.OutputCache.ShouldBeNull();
        named.Build.OutputCache.ShouldNotBeNull().Root.ToString().ShouldBe(temp.Path);
    }
}
