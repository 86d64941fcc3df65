using EdgeBuild.Engine;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Engine;

/// <summary>A producer that writes a file and hands its path over, and a consumer that reads the path it was handed.</summary>
public class HandoverBuild : NukeBuild
{
    [Parameter("Where Produce writes.")] public readonly string? Into;
    [Parameter("A file standing in for Produce's result.")] public readonly string? Given;
    public string? Consumed;

    public Target Produce => _ => _
        .Outputs(() => [Into!])
        .ContentKey(() => "v1")
        .ReadsBack(() => Results.Provide(nameof(Produce), new FileInfo(Into!)))
        .Executes(() =>
        {
            File.WriteAllText(Into!, "made");
            Results.Provide(nameof(Produce), new FileInfo(Into!));
        });

    public Target Consume => _ => _
        .DependsOn(Produce)
        .Executes(() => Consumed = Take(nameof(Produce), "--given FILE", () => Given is null ? null : new FileInfo(Given)).FullName);
}

/// <summary>A build whose parameter any code could assign after binding.</summary>
public class AssignableParameterBuild : NukeBuild
{
    [Parameter("Assignable.")] public string? Loose;
    public Target Default => _ => _.Executes(() => { });
}

[Trait("Tier", "Fast")]
public class HandoverTests
{
    [Fact(Timeout = 30000)]
    public async Task An_up_to_date_producer_still_hands_its_result_over()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var into = Path.Combine(h.Root, "made.txt");

        var first = new HandoverBuild();
        h.Run(first, ["Consume", "--into", into]).ExitCode.ShouldBe(0);
        var second = new HandoverBuild();
        var (code, output) = h.Run(second, ["Consume", "--into", into]);

        code.ShouldBe(0, output);
        second.Runs.Single(r => r.Name == "Produce").Status.ShouldBe(TargetStatus.UpToDate);
        second.Consumed.ShouldBe(into);
    }

    [Fact(Timeout = 30000)]
    public async Task A_skipped_producer_is_replaced_by_its_parameter_or_named_in_one_sentence()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var given = h.Write("given.txt", "given");

        var withParameter = new HandoverBuild();
        var replaced = h.Run(withParameter, ["Consume", "--skip", "Produce", "--given", given]);
        var without = new HandoverBuild();
        var named = h.Run(without, ["Consume", "--skip", "Produce"]);

        replaced.ExitCode.ShouldBe(0, replaced.Output);
        withParameter.Consumed.ShouldBe(given);
        named.ExitCode.ShouldBe(1, named.Output);
        without.Runs.Single(r => r.Name == "Consume").Error.ShouldBe(
            "Consume needs what Produce hands over, but Produce was skipped by --skip: run Produce, or give --given FILE.");
    }

    [Fact(Timeout = 30000)]
    public async Task A_parameter_that_can_be_assigned_after_binding_is_refused_before_anything_runs()
    {
        await Task.Yield();
        using var h = new EngineHarness();

        var (code, output) = h.Run(new AssignableParameterBuild(), []);

        code.ShouldBe(BuildExecutor.UsageError, output);
        output.ShouldContain("Parameter AssignableParameterBuild.Loose can be assigned after binding: declare it readonly (a field) or init-only (a property).");
    }
}
