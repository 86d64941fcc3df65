namespace EdgeBuild.Kernel.Kconfig;

/// <summary>What is wrong with an expression, and the fewest options that would make it hold, against a resulting config.</summary>
public sealed class KconfigSolver(KconfigTree tree, ISymbolValues values)
{
    /// <summary>The parts that keep <paramref name="expr"/> below <paramref name="want"/>: "NET=n", "!FOO with FOO=y", or a comparison.</summary>
    public IReadOnlyList<string> Unmet(KconfigExpr expr, int want = 2) => Blame(expr, want).Distinct().ToList();

    /// <summary>
    /// Options to add (CONFIG_X=y, dependencies first) or to turn off ("# CONFIG_X is not set") for <paramref name="expr"/> to
    /// reach <paramref name="want"/>, following each added symbol's own dependencies; an || takes the cheaper side.
    /// Null when it cannot hold (it needs a symbol this kernel does not define, or a constant).
    /// </summary>
    public IReadOnlyList<string>? ToAdd(KconfigExpr expr, int want = 2) => Needed(expr, want, []) is { } list ? list.Distinct().ToList() : null;

    private IEnumerable<string> Blame(KconfigExpr expr, int want)
    {
        if (expr.Evaluate(values) >= want) return [];
        return expr switch
        {
            KconfigSymbol s => [s.IsConstant ? s.Render(values) : $"{s.Name}={s.Value(values)}"],
            KconfigNot { Operand: KconfigSymbol s } => [$"!{s.Name} with {s.Name}={s.Value(values)}"],
            KconfigAnd a => Blame(a.Left, want).Concat(Blame(a.Right, want)),
            KconfigOr o => Blame(o.Left, want).Concat(Blame(o.Right, want)),
            _ => [expr.Render(values)],
        };
    }

    private List<string>? Needed(KconfigExpr expr, int want, HashSet<string> visiting)
    {
        if (expr.Evaluate(values) >= want) return [];
        switch (expr)
        {
            case KconfigSymbol s:
                return Raise(s, want, visiting);
            case KconfigCompare { Operator: "=", Left: { IsConstant: false } sym, Right: { Quoted: false, Name: "y" or "m" } to }:
                return Raise(sym, KconfigExpr.Tristate(to.Name), visiting);
            case KconfigNot { Operand: KconfigSymbol { IsConstant: false } off }:
                return [$"# CONFIG_{off.Name} is not set"];
            case KconfigAnd a:
                return Needed(a.Left, want, visiting) is { } l && Needed(a.Right, want, visiting) is { } r ? [.. l, .. r] : null;
            case KconfigOr o:
                var left = Needed(o.Left, want, new HashSet<string>(visiting));
                var right = Needed(o.Right, want, new HashSet<string>(visiting));
                return left is null ? right : right is null ? left : right.Count < left.Count ? right : left;
            default:
                return null;
        }
    }

    private List<string>? Raise(KconfigSymbol symbol, int want, HashSet<string> visiting)
    {
        if (symbol.IsConstant || !tree.Definitions.TryGetValue(symbol.Name, out var definitions)) return null;
        if (!visiting.Add(symbol.Name)) return [];
        List<string>? best = null;
        foreach (var definition in definitions)
        {
            var needs = definition.DependsOn is null ? [] : Needed(definition.DependsOn, want, visiting);
            if (needs is not null && (best is null || needs.Count < best.Count)) best = needs;
        }
        return best is null ? null : [.. best, $"CONFIG_{symbol.Name}={KconfigExpr.TristateName(want)}"];
    }
}
