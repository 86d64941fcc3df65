using EdgeBuild.Kernel.Kconfig;

namespace EdgeBuild.Kernel;

/// <summary>Compares a fragment with the config olddefconfig made of it and explains each option that did not survive.</summary>
public sealed class DroppedOptionAnalyzer(KconfigTree tree)
{
    /// <summary>Every fragment option whose value did not survive into <paramref name="result"/>, explained.</summary>
    public IReadOnlyList<DroppedOption> Analyze(ConfigFragment fragment, KernelConfig result)
    {
        var values = tree.ValuesFrom(result);
        var solver = new KconfigSolver(tree, values);
        var dropped = new List<DroppedOption>();
        foreach (var line in fragment.Lines)
        {
            var symbol = line.Name["CONFIG_".Length..];
            var actual = values.ValueOf(symbol) ?? "n";
            if (Survived(line.Value, actual)) continue;
            dropped.Add(Explain(symbol, line, actual, values, solver));
        }
        return dropped;
    }

    private static bool Survived(string requested, string actual) => requested switch
    {
        "y" => actual == "y",
        "m" => actual is "m" or "y",
        "n" => actual is not ("y" or "m"),
        _ => requested == actual,
    };

    private DroppedOption Explain(string symbol, FragmentLine line, string actual, ISymbolValues values, KconfigSolver solver)
    {
        var option = new DroppedOption(line.Name, line.Value, actual, DropReason.Unexplained, [], [], []);
        if (!tree.Definitions.TryGetValue(symbol, out var definitions)) return option with { Reason = DropReason.UnknownSymbol };
        var selectors = tree.SelectedBy.TryGetValue(symbol, out var s) ? s : [];
        if (line.Value == "n")
            return option with
            {
                Reason = DropReason.Forced,
                Details = selectors.Where(x => !x.Imply && x.Condition?.Evaluate(values) != 0 && KconfigExpr.Tristate(values.ValueOf(x.Selector)) > 0)
                    .Select(x => $"selected by {x.Selector} [={values.ValueOf(x.Selector)}] ({x.Location})").ToList(),
            };
        var want = KconfigExpr.Tristate(line.Value);
        if (want == 0) return option;
        var depends = definitions.Max(d => d.DependsOn?.Evaluate(values) ?? 2);
        if (depends < want)
        {
            var unmetDefinitions = definitions.Where(d => d.DependsOn is not null && d.DependsOn.Evaluate(values) < want).ToList();
            return option with
            {
                Reason = DropReason.UnmetDependency,
                Details = unmetDefinitions.Select(d => $"depends on {d.DependsOn!.Render(values)}  ({d.Location})").ToList(),
                Unmet = unmetDefinitions.SelectMany(d => solver.Unmet(d.DependsOn!, want)).Distinct().ToList(),
                ToAdd = unmetDefinitions.Select(d => solver.ToAdd(d.DependsOn!, want)).Where(a => a is not null)
                    .OrderBy(a => a!.Count).FirstOrDefault() ?? [],
            };
        }
        if (!definitions.Any(d => d.HasPrompt))
            return option with
            {
                Reason = DropReason.NoPrompt,
                Details = selectors.Select(x => $"{(x.Imply ? "implied" : "selected")} by {x.Selector} [={values.ValueOf(x.Selector)}] ({x.Location})").ToList(),
                ToAdd = selectors.Where(x => !x.Imply).Select(x => $"CONFIG_{x.Selector}=y").Take(1).ToList(),
            };
        var hidden = definitions.Where(d => d.HasPrompt && d.PromptCondition is not null && d.PromptCondition.Evaluate(values) == 0).ToList();
        if (hidden.Count == definitions.Count(d => d.HasPrompt))
            return option with
            {
                Reason = DropReason.PromptHidden,
                Details = hidden.Select(d => $"prompt if {d.PromptCondition!.Render(values)}  ({d.Location})").ToList(),
                Unmet = hidden.SelectMany(d => solver.Unmet(d.PromptCondition!)).Distinct().ToList(),
                ToAdd = solver.ToAdd(hidden[0].PromptCondition!) ?? [],
            };
        if (definitions.FirstOrDefault(d => d.Choice is not null) is { } member)
            return option with { Reason = DropReason.ChoiceMember, Details = [$"choice at {member.Choice}"] };
        return option;
    }
}
