using EdgeBuild.Tooling;

namespace EdgeBuild.Engine;

/// <summary>Targets by name with every edge resolved to names (DependentFor and TriggeredBy folded in).</summary>
public sealed class TargetGraph
{
    /// <summary>Definitions by name, in declaration order.</summary>
    public IReadOnlyDictionary<string, TargetDefinition> Targets { get; }
    /// <summary>X → targets X depends on.</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> DependsOn { get; }
    /// <summary>X → targets X must run after when both are planned (After, and Before declared on the others).</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> After { get; }
    /// <summary>X → targets X triggers.</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Triggers { get; }

    /// <summary>Resolves the delegates in each definition to target names.</summary>
    public TargetGraph(IReadOnlyList<(TargetDefinition Definition, Target Delegate)> targets)
    {
        var byMethod = new Dictionary<System.Reflection.MethodInfo, string>();
        foreach (var (definition, del) in targets) byMethod[del.Method] = definition.Name;
        string NameOf(Target t, string usedBy) => byMethod.TryGetValue(t.Method, out var n) ? n
            : throw new UsageException($"Target {usedBy} refers to a target that is not declared on the build class.");

        Targets = targets.ToDictionary(t => t.Definition.Name, t => t.Definition, StringComparer.Ordinal);
        var depends = Targets.Keys.ToDictionary(k => k, _ => new SortedSet<string>(StringComparer.Ordinal));
        var after = Targets.Keys.ToDictionary(k => k, _ => new SortedSet<string>(StringComparer.Ordinal));
        var triggers = Targets.Keys.ToDictionary(k => k, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var d in Targets.Values)
        {
            foreach (var t in d.DependsOnTargets) depends[d.Name].Add(NameOf(t, d.Name));
            foreach (var t in d.DependentForTargets) depends[NameOf(t, d.Name)].Add(d.Name);
            foreach (var t in d.AfterTargets) after[d.Name].Add(NameOf(t, d.Name));
            foreach (var t in d.BeforeTargets) after[NameOf(t, d.Name)].Add(d.Name);
            foreach (var t in d.TriggersTargets) triggers[d.Name].Add(NameOf(t, d.Name));
            foreach (var t in d.TriggeredByTargets) triggers[NameOf(t, d.Name)].Add(d.Name);
        }
        DependsOn = depends; After = after; Triggers = triggers;
        ThrowOnCycle();
    }

    /// <summary>Finds a name case-insensitively or throws listing the close ones.</summary>
    public string Resolve(string name)
    {
        var match = Targets.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        var close = Names.Closest(name, Targets.Keys);
        throw new UsageException($"Unknown target '{name}'." + (close.Count > 0
            ? $" Did you mean: {string.Join(", ", close)}?"
            : $" Known targets: {string.Join(", ", Targets.Values.Where(t => !t.IsUnlisted).Select(t => t.Name))}.") +
            " Run ./build.sh --help for the list.");
    }

    private void ThrowOnCycle()
    {
        // Every edge kind orders execution, so a cycle through any mix of them can never run.
        var state = new Dictionary<string, int>();
        var stack = new List<string>();
        foreach (var name in Targets.Keys) Visit(name);

        void Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2) return;
            if (state.GetValueOrDefault(node) == 1)
            {
                var cycle = stack.Skip(stack.IndexOf(node)).Append(node);
                throw new UsageException($"Target graph has a cycle: {string.Join(" → ", cycle)}. Remove one of these edges (DependsOn, After/Before or Triggers).");
            }
            state[node] = 1; stack.Add(node);
            foreach (var next in DependsOn[node].Concat(After[node])) Visit(next);
            foreach (var other in Targets.Keys.Where(k => Triggers[k].Contains(node))) Visit(other);
            stack.RemoveAt(stack.Count - 1); state[node] = 2;
        }
    }
}
