using System.Linq.Expressions;
using EdgeBuild.Tooling;

namespace EdgeBuild.Engine;

/// <summary>A target, declared NUKE-style as a property: <c>Target Doctor => _ => _.Executes(...)</c>.</summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

/// <summary>The fluent definition of a target: graph edges, gates, incremental inputs and actions.</summary>
public interface ITargetDefinition
{
    /// <summary>One line shown in --help and the plan.</summary>
    ITargetDefinition Description(string description);
    /// <summary>Targets that must succeed (or be up to date / skipped) before this one runs.</summary>
    ITargetDefinition DependsOn(params Target[] targets);
    /// <summary>Makes each given target depend on this one.</summary>
    ITargetDefinition DependentFor(params Target[] targets);
    /// <summary>Orders this target after the given ones when both are in the plan; adds nothing to the plan.</summary>
    ITargetDefinition After(params Target[] targets);
    /// <summary>Orders this target before the given ones when both are in the plan; adds nothing to the plan.</summary>
    ITargetDefinition Before(params Target[] targets);
    /// <summary>Adds the given targets to the plan, to run after this one, only when this one runs and succeeds.</summary>
    ITargetDefinition Triggers(params Target[] targets);
    /// <summary>Adds this target to the plan whenever one of the given targets runs and succeeds.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);
    /// <summary>Conditions evaluated when planning; false skips the target (and what only it needed).</summary>
    ITargetDefinition OnlyWhenStatic(params Func<bool>[] conditions);
    /// <summary>A condition evaluated when planning, with the reason shown when it skips the target.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, string reasonWhenFalse);
    /// <summary>Conditions evaluated right before the target would run; false skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(params Func<bool>[] conditions);
    /// <summary>A condition evaluated right before the target would run, with the reason shown when it skips the target.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string reasonWhenFalse);
    /// <summary>Parameters that must have a value; checked for the whole plan before anything runs.</summary>
    ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters);
    /// <summary>When this target fails, independent targets still run.</summary>
    ITargetDefinition ProceedAfterFailure();
    /// <summary>This target runs even after a failure or cancellation (clean-up).</summary>
    ITargetDefinition AssuredAfterFailure();
    /// <summary>Hidden from --help (still callable).</summary>
    ITargetDefinition Unlisted();
    /// <summary>Files or directories whose content decides whether the target is up to date.</summary>
    ITargetDefinition Inputs(Func<IEnumerable<string>> paths);
    /// <summary>Files the target produces; a target with outputs is skipped as up to date when inputs and outputs are unchanged.</summary>
    ITargetDefinition Outputs(Func<IEnumerable<string>> paths);
    /// <summary>A line --plan prints under the target (what it would use: versions, images, files).</summary>
    ITargetDefinition PlanNote(Func<string> note);
    /// <summary>When the target is up to date, runs <paramref name="readBack"/> to provide its result from its outputs (see <see cref="TargetResults"/>).</summary>
    ITargetDefinition ReadsBack(Action readBack);
    /// <summary>A string (versions, options) folded into the up-to-date key.</summary>
    ITargetDefinition ContentKey(Func<string> key);
    /// <summary>Stores the outputs in the output cache under a key of the content keys, inputs and output names; a later miss restores them instead of running.</summary>
    ITargetDefinition Cacheable(Caching.CacheHooks? hooks = null);
    /// <summary>The work, synchronous.</summary>
    ITargetDefinition Executes(Action action);
    /// <summary>The work, asynchronous.</summary>
    ITargetDefinition Executes(Func<Task> action);
    /// <summary>The work, asynchronous and cancellable (Ctrl-C, SIGTERM).</summary>
    ITargetDefinition Executes(Func<CancellationToken, Task> action);
}
