namespace EdgeBuild.Kernel.Kconfig;

/// <summary>A Kconfig expression (depends on, select if, visible if), evaluated to n=0, m=1, y=2.</summary>
public abstract record KconfigExpr
{
    /// <summary>The tristate value, with symbol values (without CONFIG_) from <paramref name="values"/>.</summary>
    public abstract int Evaluate(ISymbolValues values);

    /// <summary>The expression with each symbol's value, like menuconfig's help: "NET [=y] &amp;&amp; INET [=n]".</summary>
    public abstract string Render(ISymbolValues values);

    /// <summary>Every symbol the expression names.</summary>
    public abstract IEnumerable<string> Symbols();

    /// <summary>Tristate of a config value: y=2, m=1, anything else 0.</summary>
    public static int Tristate(string? value) => value switch { "y" => 2, "m" => 1, _ => 0 };

    /// <summary>Name of a tristate value.</summary>
    public static string TristateName(int tristate) => tristate switch { 2 => "y", 1 => "m", _ => "n" };

    /// <summary>Both sides joined with &amp;&amp;; a null side is dropped.</summary>
    public static KconfigExpr? AndOf(KconfigExpr? left, KconfigExpr? right) =>
        left is null ? right : right is null ? left : new KconfigAnd(left, right);
}

/// <summary>Where expressions read symbol values (a resulting .config plus the Kconfig tree's knowledge).</summary>
public interface ISymbolValues
{
    /// <summary>The symbol's value as .config would write it ("y", "m", "n", a string or number); null for unknown symbols.</summary>
    string? ValueOf(string symbol);
}

/// <summary>A symbol or constant (y, m, n, "string", number, or an unexpanded $(macro)).</summary>
public sealed record KconfigSymbol(string Name, bool Quoted = false) : KconfigExpr
{
    /// <summary>True for y/m/n, quoted strings, numbers and macros: nothing one could set.</summary>
    public bool IsConstant => Quoted || Name is "y" or "m" or "n" || IsMacro || IsNumber(Name);

    private static bool IsNumber(string s) =>
        s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? s.Length > 2 && s[2..].All(char.IsAsciiHexDigit)
        : s.TrimStart('-').Length > 0 && s.TrimStart('-').All(char.IsAsciiDigit);

    /// <summary>An unexpanded $(...) call (a toolchain probe); treated as true since it cannot be evaluated here.</summary>
    public bool IsMacro => !Quoted && Name.StartsWith("$(", StringComparison.Ordinal);

    /// <summary>The string value used in comparisons.</summary>
    public string Value(ISymbolValues values) =>
        Quoted ? Name : Name switch
        {
            "y" or "n" => Name,
            "m" => values.ValueOf("MODULES") == "y" ? "m" : "n",
            _ when IsMacro => "y",
            _ => values.ValueOf(Name) ?? (IsConstant ? Name : "n"),
        };

    public override int Evaluate(ISymbolValues values) => Tristate(Value(values));
    public override string Render(ISymbolValues values) =>
        Quoted ? $"\"{Name}\"" : IsConstant ? (IsMacro ? $"{Name} [=?]" : Name) : $"{Name} [={Value(values)}]";
    public override IEnumerable<string> Symbols() => IsConstant ? [] : [Name];
}

/// <summary>!operand.</summary>
public sealed record KconfigNot(KconfigExpr Operand) : KconfigExpr
{
    public override int Evaluate(ISymbolValues values) => 2 - Operand.Evaluate(values);
    public override string Render(ISymbolValues values) => "!" + Wrap(Operand, values);
    public override IEnumerable<string> Symbols() => Operand.Symbols();
    internal static string Wrap(KconfigExpr e, ISymbolValues v) => e is KconfigAnd or KconfigOr ? $"({e.Render(v)})" : e.Render(v);
}

/// <summary>left &amp;&amp; right (minimum).</summary>
public sealed record KconfigAnd(KconfigExpr Left, KconfigExpr Right) : KconfigExpr
{
    public override int Evaluate(ISymbolValues values) => Math.Min(Left.Evaluate(values), Right.Evaluate(values));
    public override string Render(ISymbolValues values) => $"{Side(Left, values)} && {Side(Right, values)}";
    public override IEnumerable<string> Symbols() => Left.Symbols().Concat(Right.Symbols());
    private static string Side(KconfigExpr e, ISymbolValues v) => e is KconfigOr ? $"({e.Render(v)})" : e.Render(v);
}

/// <summary>left || right (maximum).</summary>
public sealed record KconfigOr(KconfigExpr Left, KconfigExpr Right) : KconfigExpr
{
    public override int Evaluate(ISymbolValues values) => Math.Max(Left.Evaluate(values), Right.Evaluate(values));
    public override string Render(ISymbolValues values) => $"{Left.Render(values)} || {Right.Render(values)}";
    public override IEnumerable<string> Symbols() => Left.Symbols().Concat(Right.Symbols());
}

/// <summary>left op right for op in = != &lt; &lt;= &gt; &gt;=: y or n; numbers compare as numbers, the rest as strings.</summary>
public sealed record KconfigCompare(string Operator, KconfigSymbol Left, KconfigSymbol Right) : KconfigExpr
{
    public override int Evaluate(ISymbolValues values)
    {
        var (a, b) = (Left.Value(values), Right.Value(values));
        var order = TryNumber(a) is { } x && TryNumber(b) is { } y ? x.CompareTo(y) : string.CompareOrdinal(a, b);
        var holds = Operator switch
        {
            "=" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
        return holds ? 2 : 0;
    }

    public override string Render(ISymbolValues values) => $"{Left.Render(values)} {Operator} {Right.Render(values)}";
    public override IEnumerable<string> Symbols() => Left.Symbols().Concat(Right.Symbols());

    private static long? TryNumber(string s) =>
        s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(s[2..], System.Globalization.NumberStyles.HexNumber, null, out var h) ? h
        : long.TryParse(s, out var d) ? d : null;
}
