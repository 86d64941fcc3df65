namespace EdgeBuild.Engine;

/// <summary>The targets of one invocation, in a valid order, each with what must finish before it.</summary>
public sealed record ExecutionPlan(
    IReadOnlyList<TargetRun> Runs,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Predecessors,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Dependencies);

/// <summary>
/// Builds the plan. Skip semantics, exactly: a skipped target (--skip, or a false OnlyWhenStatic) is listed
/// as Skipped, does not run, counts as done for what depends on it, triggers nothing, and the targets
/// that only it needed are listed as Skipped too. <c>--skip</c> alone skips everything but the invoked targets.
/// </summary>
public static class Planner
{
    /// <summary>Plans <paramref name="requested"/>; <paramref name="skip"/> null = no --skip, empty = skip all but requested.</summary>
    public static ExecutionPlan Plan(TargetGraph graph, IReadOnlyList<string> requested, IReadOnlyList<string>? skip)
    {
        var invoked = requested.Select(graph.Resolve).Distinct().ToList();
        var skipped = new Dictionary<string, string>();
        if (skip is { Count: 0 })
            foreach (var name in graph.Targets.Keys.Where(k => !invoked.Contains(k))) skipped[name] = "skipped by --skip";
        else if (skip is not null)
            foreach (var name in skip.Select(graph.Resolve)) skipped[name] = "skipped by --skip";

        var reasons = new Dictionary<string, string>();
        var triggeredOnlyBy = new Dictionary<string, List<string>>();
        var active = new List<string>();
        var queue = new Queue<string>();
        foreach (var name in invoked) { reasons[name] = "requested"; queue.Enqueue(name); }

        bool IsSkipped(string name)
        {
            if (skipped.ContainsKey(name)) return true;
            var definition = graph.Targets[name];
            if (TargetDefinition.FirstFalse(definition.StaticConditions) is { } reason)
            {
                skipped[name] = reason;
                return true;
            }
            return false;
        }

        // Pass 1: what runs, walking only through targets that are not skipped.
        var seen = new HashSet<string>();
        while (queue.TryDequeue(out var name))
        {
            if (!seen.Add(name)) continue;
            if (IsSkipped(name)) continue;
            active.Add(name);
            foreach (var dependency in graph.DependsOn[name])
            {
                reasons.TryAdd(dependency, $"dependency of {name}");
                triggeredOnlyBy.Remove(dependency);
                queue.Enqueue(dependency);
            }
            foreach (var triggered in graph.Triggers[name])
            {
                if (reasons.TryAdd(triggered, $"triggered by {name}")) triggeredOnlyBy[triggered] = [name];
                else if (triggeredOnlyBy.TryGetValue(triggered, out var by)) by.Add(name);
                queue.Enqueue(triggered);
            }
        }
        // A target reached as a dependency anywhere is not trigger-only.
        foreach (var name in active)
            foreach (var dependency in graph.DependsOn[name]) triggeredOnlyBy.Remove(dependency);

        // Pass 2: list what skipped targets would have needed, so the plan shows everything it left out.
        var listedSkipped = new List<string>();
        var pending = new Queue<string>(seen.Where(skipped.ContainsKey));
        while (pending.TryDequeue(out var name))
        {
            if (listedSkipped.Contains(name) || active.Contains(name)) continue;
            listedSkipped.Add(name);
            reasons.TryAdd(name, "");
            foreach (var dependency in graph.DependsOn[name].Where(d => !active.Contains(d)))
            {
                skipped.TryAdd(dependency, $"only needed by skipped {name}");
                pending.Enqueue(dependency);
            }
        }

        var inPlan = active.Concat(listedSkipped).ToHashSet();
        var predecessors = inPlan.ToDictionary(n => n, n => (IReadOnlySet<string>)graph.DependsOn[n]
            .Concat(graph.After[n])
            .Concat(graph.Targets.Keys.Where(k => graph.Triggers[k].Contains(n)))
            .Where(inPlan.Contains).ToHashSet());

        var dependencies = inPlan.ToDictionary(n => n, n => (IReadOnlySet<string>)graph.DependsOn[n].Where(inPlan.Contains).ToHashSet());
        var runs = TopologicalOrder(graph, inPlan, predecessors).Select(name =>
        {
            var run = new TargetRun(graph.Targets[name]) { Reason = reasons.GetValueOrDefault(name, "") };
            if (skipped.TryGetValue(name, out var why)) { run.Status = TargetStatus.Skipped; run.Notes.Add(why); }
            if (triggeredOnlyBy.TryGetValue(name, out var by)) run.TriggeredOnlyBy.AddRange(by);
            return run;
        }).ToList();
        return new ExecutionPlan(runs, predecessors, dependencies);
    }

    private static List<string> TopologicalOrder(TargetGraph graph, HashSet<string> inPlan,
        Dictionary<string, IReadOnlySet<string>> predecessors)
    {
        var order = new List<string>();
        var remaining = inPlan.OrderBy(n => graph.Targets[n].DeclarationIndex).ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.First(n => predecessors[n].All(order.Contains));
            order.Add(next); remaining.Remove(next);
        }
        return order;
    }
}
