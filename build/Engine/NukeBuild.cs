using System.Linq.Expressions;
using System.Reflection;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>
/// Base class of a build, shaped like NUKE's: targets are <see cref="Target"/> properties, parameters are
/// [Parameter] members, and <see cref="Execute{T}"/> runs what the command line asks.
/// </summary>
public abstract class NukeBuild
{
    [Parameter("Targets to run (also positional; A+B runs both).")] public readonly string[]? Target;
    [Parameter("Skip these targets; alone: skip all but the invoked ones.")] public readonly string[]? Skip;
    [Parameter("List targets and parameters.")] public readonly bool Help;
    [Parameter("Print the plan, write artifacts/plan.mmd, run nothing.")] public readonly bool Plan;
    [Parameter("Output detail: quiet, normal or verbose.")] public readonly Verbosity Verbosity = Verbosity.Normal;
    [Parameter("Targets running at once at most.")] public readonly int MaxParallel = Environment.ProcessorCount;
    [Parameter("Reads .nuke/parameters.<profile>.json as defaults.")] public readonly string? Profile;
    [Parameter("Run incremental targets even when up to date.")] public readonly bool Force;
    [Parameter("After a failure, still run every target whose own dependencies succeeded; the summary lists every failure.")] public readonly bool Continue;

    /// <summary>The repository root (the directory holding .nuke).</summary>
    public AbsolutePath RootDirectory { get; internal set; } = FindRoot();
    /// <summary>Outputs root; builds may override it with a parameter.</summary>
    public virtual AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    /// <summary>Where cacheable targets' outputs are kept across artifacts directories and clones; null: no output cache.</summary>
    public virtual Caching.OutputCache? OutputCache => null;
    /// <summary>Engine scratch space (.nuke/temp).</summary>
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";
    /// <summary>Where each parameter's value came from (command line, environment, profile...).</summary>
    public IReadOnlyDictionary<string, string> ParameterSources { get; internal set; } = new Dictionary<string, string>();
    /// <summary>True when the parameter (its CLI name) was given on the command line, with or without a value.</summary>
    public bool GivenOnCommandLine(string name) => ParameterSources.TryGetValue(name, out var source) && source.StartsWith("command line");
    /// <summary>Where services report notes and log lines: the running target's summary row and output (pass it to services).</summary>
    public static Reporting.IBuildReport Reporter => EngineReport.Instance;
    /// <summary>What targets handed over to their dependents in this run (see <see cref="Take{T}"/>).</summary>
    public TargetResults Results { get; } = new();
    /// <summary>The runs of this invocation, once planned.</summary>
    public IReadOnlyList<TargetRun> Runs { get; internal set; } = [];

    /// <summary>Runs the build with the process's arguments; <paramref name="defaultTarget"/> when none is named.</summary>
    public static int Execute<T>(string[] args, Expression<Func<T, Target>> defaultTarget) where T : NukeBuild, new()
    {
        var build = new T();
        var name = defaultTarget.Body is MemberExpression m ? m.Member.Name : throw new ArgumentException("Default target must be a property.");
        return BuildExecutor.Run(build, args, name, new ExecutorOptions());
    }

    /// <summary>
    /// <paramref name="producer"/>'s result, else the value of the parameter that supplies it (<paramref name="fromParameter"/>),
    /// else a one-sentence error naming the producer, why it has no result and <paramref name="parameter"/>.
    /// </summary>
    public T Take<T>(string producer, string parameter, Func<T?>? fromParameter = null) where T : class =>
        Results.Find<T>(producer) ?? fromParameter?.Invoke() ?? throw new BuildException(
            $"{Log.Current?.Name ?? "This target"} needs what {producer} hands over, but {producer} {WhyNoResult(producer)}: run {producer}, or give {parameter}.");

    private string WhyNoResult(string producer) => Runs.FirstOrDefault(r => r.Name == producer) switch
    {
        null => "is not part of this run",
        { Status: TargetStatus.Skipped } run => run.Notes.FirstOrDefault() is { } why ? (why.StartsWith("skipped ") ? $"was {why}" : $"was skipped ({why})") : "was skipped",
        { Status: TargetStatus.Pending or TargetStatus.Running } => "has not finished",
        { Status: TargetStatus.UpToDate } => "is up to date but its outputs are gone",
        { Status: TargetStatus.Succeeded } => "ran but handed nothing over (a dry run produces nothing)",
        var run => $"ended {run.Status.ToString().ToLowerInvariant()}",
    };

    /// <summary>Targets defined by data (boards) rather than properties; names must be unique.</summary>
    protected internal virtual IEnumerable<(string Name, Target Definition)> DynamicTargets() => [];

    /// <summary>Called after parameters are bound, before planning (derive paths, validate combinations).</summary>
    protected internal virtual void OnParametersBound() { }

    /// <summary>Directories this build writes into; each is checked writable before anything runs.</summary>
    protected internal virtual IEnumerable<OutputRoot> OutputRoots() =>
        [new(TemporaryDirectory, "the repository's .nuke/temp", BuildOwned: true), new(ArtifactsDirectory, "the artifacts directory", BuildOwned: true)];

    /// <summary>Called once every target has finished, before the summary (extra summary lines).</summary>
    protected internal virtual IEnumerable<string> SummaryLines() => [];
    /// <summary>Lines --plan prints after the plan (a build's preflight: downloads, disk, hosts); runs nothing.</summary>
    protected internal virtual IEnumerable<string> PlanLines(ExecutionPlan plan) => [];

    /// <summary>All targets: properties of type Target in declaration order, then dynamic ones.</summary>
    internal IReadOnlyList<(TargetDefinition Definition, Target Delegate)> DiscoverTargets()
    {
        var properties = GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(Target))
            .OrderBy(p => p.MetadataToken).ToList();
        var list = new List<(TargetDefinition, Target)>();
        var index = 0;
        foreach (var (name, del) in properties.Select(p => (p.Name, (Target)p.GetValue(this)!)).Concat(DynamicTargets()))
        {
            if (list.Any(t => t.Item1.Name == name)) throw new UsageException($"Two targets are named {name}.");
            var definition = new TargetDefinition { Name = name, DeclarationIndex = index++ };
            del(definition);
            list.Add((definition, del));
        }
        return list;
    }

    private static AbsolutePath FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, ".nuke"))) return AbsolutePath.Create(dir.FullName);
        return AbsolutePath.Create(Environment.CurrentDirectory);
    }
}
