using EdgeBuild.Engine;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Engine;

/// <summary>A target that copies an input file to an output, counting its runs.</summary>
public class CopyBuild : NukeBuild
{
    public string Input = "";
    public string Output = "";
    public string Key = "v1";
    public int RunCount;
    public bool Fail;

    public Target Copy => _ => _
        .Inputs(() => [Input])
        .Outputs(() => [Output])
        .ContentKey(() => Key)
        .Executes(() =>
        {
            RunCount++;
            File.WriteAllText(Output, Fail ? "half" : File.ReadAllText(Input).ToUpperInvariant());
            if (Fail) throw new BuildException("copy failed");
        });
}

[Trait("Tier", "Fast")]
public class IncrementalTests
{
    private static (EngineHarness H, Func<string, CopyBuild> New) Setup()
    {
        var h = new EngineHarness();
        var input = h.Write("in.txt", "hello");
        return (h, key => new CopyBuild { Input = input, Output = Path.Combine(h.Root, "out.txt"), Key = key });
    }

    [Fact]
    public void An_unchanged_target_is_up_to_date_and_not_run()
    {
        var (h, make) = Setup();
        using var _ = h;
        var first = make("v1");
        h.Run(first, ["Copy"]).ExitCode.ShouldBe(0);
        first.RunCount.ShouldBe(1);

        var second = make("v1");
        var (code, output) = h.Run(second, ["Copy"]);
        code.ShouldBe(0);
        second.RunCount.ShouldBe(0);
        output.ShouldMatch(@"Copy\s+UpToDate");
    }

    [Fact]
    public void A_changed_input_key_or_output_runs_the_target_again()
    {
        var (h, make) = Setup();
        using var _ = h;
        h.Run(make("v1"), ["Copy"]);

        File.WriteAllText(Path.Combine(h.Root, "in.txt"), "changed");
        var afterInput = make("v1");
        h.Run(afterInput, ["Copy"]);
        afterInput.RunCount.ShouldBe(1);

        var afterKey = make("v2");
        h.Run(afterKey, ["Copy"]);
        afterKey.RunCount.ShouldBe(1);

        File.WriteAllText(Path.Combine(h.Root, "out.txt"), "tampered");
        var afterOutput = make("v2");
        h.Run(afterOutput, ["Copy"]);
        afterOutput.RunCount.ShouldBe(1);

        File.Delete(Path.Combine(h.Root, "out.txt"));
        var afterDelete = make("v2");
        h.Run(afterDelete, ["Copy"]);
        afterDelete.RunCount.ShouldBe(1);

        var forced = make("v2");
        h.Run(forced, ["Copy", "--force"]);
        forced.RunCount.ShouldBe(1);
    }

    [Fact]
    public void A_failed_run_is_never_trusted_as_up_to_date()
    {
        var (h, make) = Setup();
        using var _ = h;
        h.Run(make("v1"), ["Copy"]);
        var failing = make("v2");
        failing.Fail = true;
        h.Run(failing, ["Copy"]).ExitCode.ShouldBe(1);

        var again = make("v1");
        h.Run(again, ["Copy"]);
        again.RunCount.ShouldBe(1);
    }
}
