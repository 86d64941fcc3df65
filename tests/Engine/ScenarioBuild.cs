using EdgeBuild.Engine;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Engine;

/// <summary>A build whose targets record into a journal; fields switch failures and conditions per test.</summary>
public class ScenarioBuild : NukeBuild
{
    public readonly Journal Journal = new();
    public readonly HashSet<string> Failing = [];
    public bool StaticCondition = true;
    public bool DynamicCondition = true;
    /// <summary>Released when the test wants parallel targets to finish.</summary>
    public readonly TaskCompletionSource BothInside = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Inside;

    [Parameter("A text.")] public readonly string? Text;
    [Parameter("A secret."), Secret] public readonly string? Token;

    Task Body(string name, CancellationToken ct = default) => Journal.Track(name, async () =>
    {
        await Task.Delay(20, ct);
        if (Failing.Contains(name)) throw new BuildException($"{name} failed on purpose");
    });

    public Target Default => _ => _.Executes(() => Body("Default"));
    public Target A => _ => _.Description("First").Executes(() => Body("A"));
    public Target B => _ => _.DependsOn(A).Executes(() => Body("B"));
    public Target C => _ => _.DependsOn(B).Executes(() => Body("C"));
    public Target D => _ => _.After(A).Executes(() => Body("D"));
    public Target E => _ => _.Before(A).Executes(() => Body("E"));
    public Target F => _ => _.DependentFor(A).Executes(() => Body("F"));
    public Target Trigger => _ => _.Triggers(Triggered).Executes(() => Body("Trigger"));
    public Target Triggered => _ => _.Executes(() => Body("Triggered"));
    public Target ByTrigger => _ => _.TriggeredBy(A).Executes(() => Body("ByTrigger"));
    public Target SkipsStatic => _ => _.DependsOn(OnlyForStatic).OnlyWhenStatic(() => StaticCondition).Executes(() => Body("SkipsStatic"));
    public Target OnlyForStatic => _ => _.Executes(() => Body("OnlyForStatic"));
    public Target SkipsWithReason => _ => _.OnlyWhenStatic(() => StaticCondition, "no --text given").OnlyWhenDynamic(() => DynamicCondition, "nothing to do today")
        .Executes(() => Body("SkipsWithReason"));
    public Target SkipsDynamic => _ => _.OnlyWhenDynamic(() => DynamicCondition).Triggers(Triggered).Executes(() => Body("SkipsDynamic"));
    public Target Needs => _ => _.Requires(() => Text).Executes(() => Body("Needs"));
    public Target Proceeds => _ => _.ProceedAfterFailure().Executes(() => Body("Proceeds"));
    public Target Cleanup => _ => _.AssuredAfterFailure().After(A, B, C, Slow, Slow2, Proceeds).Executes(() => Body("Cleanup"));
    public Target Hidden => _ => _.Unlisted().Executes(() => Body("Hidden"));
    public Target Leaks => _ => _.Executes(() =>
    {
        Log.Information($"token is {Token}");
        Summary.Note($"used {Token}");
        throw new BuildException($"bad token {Token}");
    });

    // Two independent targets that each wait until both are running: they pass only if run concurrently.
    public Target Left => _ => _.Executes(ct => Journal.Track("Left", () => Meet(ct)));
    public Target Right => _ => _.Executes(ct => Journal.Track("Right", () => Meet(ct)));
    public Target Joined => _ => _.DependsOn(Left).After(Right).Executes(() => Body("Joined"));
    public Target Slow => _ => _.Executes(ct => Journal.Track("Slow", () => Task.Delay(TimeSpan.FromSeconds(30), ct)));
    public Target Slow2 => _ => _.Executes(ct => Journal.Track("Slow2", () => Task.Delay(TimeSpan.FromMilliseconds(300), ct)));

    private async Task Meet(CancellationToken ct)
    {
        Log.Information("waiting for the other one");
        if (Interlocked.Increment(ref Inside) == 2) BothInside.TrySetResult();
        await BothInside.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
    }
}

/// <summary>A build with a dependency cycle.</summary>
public class CycleBuild : NukeBuild
{
    public Target One => _ => _.DependsOn(Two).Executes(() => { });
    public Target Two => _ => _.DependsOn(Three).Executes(() => { });
    public Target Three => _ => _.After(One).Executes(() => { });
}
