using System.Linq.Expressions;
using System.Reflection;

namespace EdgeBuild.Engine;

/// <summary>Plain data collected from a target's fluent definition.</summary>
public sealed class TargetDefinition : ITargetDefinition
{
    /// <summary>The target's name (its property name).</summary>
    public required string Name { get; init; }
    /// <summary>Position in the class, for stable ordering.</summary>
    public int DeclarationIndex { get; init; }
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    /// <summary>Planning-time conditions, each with the reason shown when it is false.</summary>
    public List<(Func<bool> Holds, string Reason)> StaticConditions { get; } = [];
    /// <summary>Run-time conditions, each with the reason shown when it is false.</summary>
    public List<(Func<bool> Holds, string Reason)> DynamicConditions { get; } = [];

    /// <summary>The reason of the first false condition, or null when all hold.</summary>
    public static string? FirstFalse(List<(Func<bool> Holds, string Reason)> conditions) =>
        conditions.FirstOrDefault(c => !c.Holds()).Reason;
    /// <summary>Member names of required parameters.</summary>
    public List<(string Member, Func<object?> Getter)> RequiredParameters { get; } = [];
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }
    public List<Func<IEnumerable<string>>> InputProviders { get; } = [];
    public List<Func<IEnumerable<string>>> OutputProviders { get; } = [];
    public List<Func<string>> ContentKeys { get; } = [];
    /// <summary>Run when the target is up to date: provide its result from its outputs, as Executes would have.</summary>
    public List<Action> ReadBacks { get; } = [];
    public List<Func<string>> PlanNotes { get; } = [];
    public List<Func<CancellationToken, Task>> Actions { get; } = [];
    /// <summary>Set when the target's outputs go to the output cache (see <see cref="Cacheable"/>).</summary>
    public Caching.CacheHooks? Cache { get; private set; }

    /// <summary>True when the target declared outputs or a content key, so it can be up to date.</summary>
    public bool IsIncremental => OutputProviders.Count > 0 || ContentKeys.Count > 0;

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }
    public ITargetDefinition DependsOn(params Target[] targets) { DependsOnTargets.AddRange(targets); return this; }
    public ITargetDefinition DependentFor(params Target[] targets) { DependentForTargets.AddRange(targets); return this; }
    public ITargetDefinition After(params Target[] targets) { AfterTargets.AddRange(targets); return this; }
    public ITargetDefinition Before(params Target[] targets) { BeforeTargets.AddRange(targets); return this; }
    public ITargetDefinition Triggers(params Target[] targets) { TriggersTargets.AddRange(targets); return this; }
    public ITargetDefinition TriggeredBy(params Target[] targets) { TriggeredByTargets.AddRange(targets); return this; }
    public ITargetDefinition OnlyWhenStatic(params Func<bool>[] conditions) { StaticConditions.AddRange(conditions.Select(c => (c, "condition false (OnlyWhenStatic)"))); return this; }
    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string reasonWhenFalse) { StaticConditions.Add((condition, reasonWhenFalse)); return this; }
    public ITargetDefinition OnlyWhenDynamic(params Func<bool>[] conditions) { DynamicConditions.AddRange(conditions.Select(c => (c, "condition false (OnlyWhenDynamic)"))); return this; }
    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string reasonWhenFalse) { DynamicConditions.Add((condition, reasonWhenFalse)); return this; }
    public ITargetDefinition ProceedAfterFailure() { IsProceedAfterFailure = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { IsAssuredAfterFailure = true; return this; }
    public ITargetDefinition Unlisted() { IsUnlisted = true; return this; }
    public ITargetDefinition Inputs(Func<IEnumerable<string>> paths) { InputProviders.Add(paths); return this; }
    public ITargetDefinition Outputs(Func<IEnumerable<string>> paths) { OutputProviders.Add(paths); return this; }
    public ITargetDefinition ContentKey(Func<string> key) { ContentKeys.Add(key); return this; }
    public ITargetDefinition PlanNote(Func<string> note) { PlanNotes.Add(note); return this; }
    public ITargetDefinition ReadsBack(Action readBack) { ReadBacks.Add(readBack); return this; }
    public ITargetDefinition Cacheable(Caching.CacheHooks? hooks = null) { Cache = hooks ?? new Caching.CacheHooks(); return this; }
    public ITargetDefinition Executes(Action action) { Actions.Add(_ => { action(); return Task.CompletedTask; }); return this; }
    public ITargetDefinition Executes(Func<Task> action) { Actions.Add(_ => action()); return this; }
    public ITargetDefinition Executes(Func<CancellationToken, Task> action) { Actions.Add(action); return this; }

    public ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters)
    {
        foreach (var expression in parameters)
        {
            var body = expression.Body is UnaryExpression u ? u.Operand : expression.Body;
            var member = body is MemberExpression m ? m.Member.Name
                : throw new ArgumentException($"Requires in target {Name} takes a parameter member, like () => OhosSource; got {expression.Body}.");
            var compiled = expression.Compile();
            RequiredParameters.Add((member, () => compiled()));
        }
        return this;
    }
}
