using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>Options for one run of a plan.</summary>
public sealed record RunOptions
{
    /// <summary>Targets running at once at most.</summary>
    public int MaxParallel { get; init; } = Environment.ProcessorCount;
    /// <summary>Ignore up-to-date records.</summary>
    public bool Force { get; init; }
    /// <summary>Where up-to-date records live; null disables incremental checks.</summary>
    public IncrementalState? State { get; init; }
    /// <summary>Keep going after a failure (--continue): only the failed target's dependents are not run.</summary>
    public bool Continue { get; init; }
    /// <summary>Locks on declared outputs; null takes none.</summary>
    public OutputLocks? Locks { get; init; }
    /// <summary>Where cacheable targets' outputs are stored and restored from; null disables the output cache.</summary>
    public Caching.OutputCache? OutputCache { get; init; }
}

/// <summary>
/// Runs a plan: a target starts once everything it depends on or is ordered after has finished, up to
/// MaxParallel at once. A failure stops new targets unless the failed one proceeds after failure or the run continues;
/// cancellation aborts running targets; assured targets run in both cases.
/// </summary>
public static class Runner
{
    /// <summary>Runs the plan; <paramref name="cancel"/> is Ctrl-C, <paramref name="hardCancel"/> a second Ctrl-C (stops assured targets too).</summary>
    public static async Task RunAsync(ExecutionPlan plan, RunOptions options, CancellationToken cancel, CancellationToken hardCancel = default)
    {
        var byName = plan.Runs.ToDictionary(r => r.Name);
        var running = new Dictionary<Task, TargetRun>();
        var stopReason = (string?)null;
        var cancelSignal = Task.Delay(Timeout.Infinite, cancel);
        Log.Output.PrefixTargets = options.MaxParallel > 1 && plan.Runs.Count(r => r.Status == TargetStatus.Pending) > 1;

        while (true)
        {
            if (cancel.IsCancellationRequested) stopReason ??= "cancelled";
            foreach (var run in plan.Runs.Where(r => r.Status == TargetStatus.Pending).ToList())
            {
                if (!plan.Predecessors[run.Name].All(p => IsFinal(byName[p].Status))) continue;
                if (Decide(run) is { } decided) { Finish(run, decided.Status, decided.Note); continue; }
                if (running.Count >= Math.Max(1, options.MaxParallel)) break;
                var token = run.Definition.IsAssuredAfterFailure ? hardCancel : cancel;
                // Marked before the task yields, so the next pass of this loop cannot start it a second time.
                run.Status = TargetStatus.Running;
                running[ExecuteAsync(run, options, token)] = run;
            }
            if (running.Count == 0)
            {
                if (plan.Runs.All(r => IsFinal(r.Status))) break;
                // Only reachable when a predecessor is not in a final state, which the planner's order rules out.
                throw new InvalidOperationException("Runner stalled: " + string.Join(", ", plan.Runs.Where(r => !IsFinal(r.Status)).Select(r => r.Name)));
            }
            // Wake on a finished target, or once on cancellation so pending targets are marked at once.
            var waitOn = cancelSignal.IsCompleted ? running.Keys : running.Keys.Append(cancelSignal);
            var done = await Task.WhenAny(waitOn).ConfigureAwait(false);
            if (!running.Remove(done, out var finished)) continue;
            if (finished.Status == TargetStatus.Failed && !finished.Definition.IsProceedAfterFailure && !options.Continue)
                stopReason ??= $"{finished.Name} failed";
        }

        (TargetStatus Status, string Note)? Decide(TargetRun run)
        {
            var definition = run.Definition;
            var broken = definition.IsAssuredAfterFailure ? null : plan.Dependencies[run.Name]
                .FirstOrDefault(p => byName[p].Status is TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Aborted);
            if (broken is not null) return (TargetStatus.NotRun, $"{broken} did not succeed");
            if (stopReason is not null && !definition.IsAssuredAfterFailure)
                return (TargetStatus.NotRun, stopReason == "cancelled" ? "cancelled" : $"not started: {stopReason}");
            if (run.TriggeredOnlyBy.Count > 0 && !run.TriggeredOnlyBy.Any(t => byName[t].Status is TargetStatus.Succeeded or TargetStatus.UpToDate))
                return (TargetStatus.Skipped, $"not triggered: {string.Join(", ", run.TriggeredOnlyBy)} did not run");
            if (TargetDefinition.FirstFalse(definition.DynamicConditions) is { } reason)
                return (TargetStatus.Skipped, reason);
            return null;
        }

    }

    private static bool IsFinal(TargetStatus status) => status is not (TargetStatus.Pending or TargetStatus.Running);

    private static void Finish(TargetRun run, TargetStatus status, string? note)
    {
        run.Status = status;
        if (note is not null) run.Notes.Add(note);
        if (status != TargetStatus.NotRun) Log.Output.TargetFinished(run);
    }

    private static async Task ExecuteAsync(TargetRun run, RunOptions options, CancellationToken token)
    {
        await Task.Yield();
        Log.Current = run;
        run.Clock.Start();
        var definition = run.Definition;
        string? key = null;
        IDisposable? outputLocks = null;
        try
        {
            if (options.Locks is { } locks && definition.OutputProviders.Count > 0)
                outputLocks = await locks.AcquireAsync(run, definition.OutputProviders.SelectMany(p => p()), token).ConfigureAwait(false);
            if (definition.IsIncremental && options.State is { } state)
            {
                key = IncrementalState.ComputeKey(definition);
                if (!options.Force && state.IsUpToDate(definition, key))
                {
                    foreach (var readBack in definition.ReadBacks) readBack();
                    run.Status = TargetStatus.UpToDate;
                    return;
                }
                if (!options.Force && definition.Cache is not null && options.OutputCache is { } restoreFrom
                    && await CachedTarget.TryRestoreAsync(definition, restoreFrom, token).ConfigureAwait(false))
                {
                    state.Save(definition, IncrementalState.ComputeKey(definition));
                    foreach (var readBack in definition.ReadBacks) readBack();
                    run.Notes.Add(CachedTarget.RestoredNote);
                    run.Status = TargetStatus.Succeeded;
                    return;
                }
            }
            Log.Output.TargetStarted(run);
            foreach (var action in definition.Actions)
            {
                token.ThrowIfCancellationRequested();
                await action(token).ConfigureAwait(false);
            }
            token.ThrowIfCancellationRequested();
            if (key is not null && options.State is { } s) s.Save(definition, IncrementalState.ComputeKey(definition));
            if (definition.Cache is not null && options.OutputCache is { } storeIn) await CachedTarget.StoreAsync(definition, storeIn, token).ConfigureAwait(false);
            run.Status = TargetStatus.Succeeded;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            run.Status = TargetStatus.Aborted;
            run.Notes.Add("cancelled");
        }
        catch (Exception e)
        {
            run.Status = TargetStatus.Failed;
            run.Error = Secrets.Mask(ErrorText.Describe(e));
            Log.Error(run.Error);
            // The trace is for whoever debugs the build: the log file always, the console at --verbosity verbose.
            Log.Debug(e.ToString());
            if (definition.IsIncremental) options.State?.Forget(definition);
        }
        finally
        {
            outputLocks?.Dispose();
            run.Clock.Stop();
            run.Duration = run.Clock.Elapsed;
            Log.Output.TargetFinished(run);
            Log.Current = null;
        }
    }
}
