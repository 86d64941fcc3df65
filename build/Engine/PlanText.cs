using System.Text;
using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>The --plan output and its Mermaid graph.</summary>
public static class PlanText
{
    /// <summary>One line per planned target in run order, with why it is there, and the plan notes of the targets that run.</summary>
    public static string Render(ExecutionPlan plan, TargetGraph? graph = null)
    {
        var text = new StringBuilder("Plan:\n");
        var i = 1;
        foreach (var run in plan.Runs)
        {
            var after = plan.Predecessors[run.Name];
            text.Append($"  {i++,2}. {run.Name}");
            if (run.Status == TargetStatus.Skipped) text.Append($"  [skipped: {string.Join("; ", run.Notes)}]");
            else if (run.Reason.Length > 0) text.Append($"  ({run.Reason})");
            if (after.Count > 0) text.Append($"  after {string.Join(", ", after.Order())}");
            text.AppendLine();
            if (graph is null || run.Status == TargetStatus.Skipped) continue;
            foreach (var note in graph.Targets[run.Name].PlanNotes) text.AppendLine($"        {Note(note)}");
        }
        return text.ToString().TrimEnd();
    }

    // A note that cannot be worked out yet (a tree not synced) says why instead of failing the plan.
    private static string Note(Func<string> note)
    {
        try { return note(); }
        catch (BuildException e) { return $"(not known yet: {e.Message})"; }
    }

    /// <summary>A Mermaid flowchart: solid edges depend, dotted edges order, thick edges trigger.</summary>
    public static string Mermaid(ExecutionPlan plan, TargetGraph graph)
    {
        var text = new StringBuilder("flowchart LR\n");
        var names = plan.Runs.Select(r => r.Name).ToHashSet();
        foreach (var run in plan.Runs)
            text.AppendLine(run.Status == TargetStatus.Skipped ? $"  {run.Name}[\"{run.Name} (skipped)\"]:::skipped" : $"  {run.Name}");
        foreach (var run in plan.Runs)
        {
            foreach (var d in graph.DependsOn[run.Name].Where(names.Contains)) text.AppendLine($"  {d} --> {run.Name}");
            foreach (var a in graph.After[run.Name].Where(names.Contains)) text.AppendLine($"  {a} -.-> {run.Name}");
            foreach (var t in graph.Triggers[run.Name].Where(names.Contains)) text.AppendLine($"  {run.Name} ==> {t}");
        }
        text.AppendLine("  classDef skipped stroke-dasharray: 5 5");
        return text.ToString();
    }
}
