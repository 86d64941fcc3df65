namespace EdgeBuild.Kernel.Kconfig;

/// <summary>One `config`/`menuconfig` block of a symbol (a symbol may have several, in different files).</summary>
/// <param name="Name">Symbol name without CONFIG_.</param>
/// <param name="Type">bool, tristate, string, int, hex, or null when this block only adds attributes.</param>
/// <param name="HasPrompt">True when the user (and olddefconfig from a .config line) can set it; otherwise only select/default can.</param>
/// <param name="DependsOn">Its own `depends on` joined with those of the enclosing if/menu/choice blocks; null when none.</param>
/// <param name="PromptCondition">The prompt's `if` condition and enclosing menus' `visible if`; null when none.</param>
/// <param name="Choice">The enclosing choice block's location, when the symbol is a choice member.</param>
/// <param name="Location">file:line relative to the source tree.</param>
public sealed record KconfigDefinition(string Name, string? Type, bool HasPrompt, KconfigExpr? DependsOn,
    KconfigExpr? PromptCondition, string? Choice, string Location);

/// <summary>`select Target if Condition` (or `imply`) written in Selector's block.</summary>
public sealed record KconfigSelect(string Selector, string Target, KconfigExpr? Condition, bool Imply, string Location);

/// <summary>The symbols of a kernel's Kconfig tree, for one architecture: definitions and who selects whom.</summary>
public sealed class KconfigTree(IReadOnlyDictionary<string, IReadOnlyList<KconfigDefinition>> definitions,
    IReadOnlyDictionary<string, IReadOnlyList<KconfigSelect>> selectedBy)
{
    /// <summary>Definitions by symbol name (without CONFIG_).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<KconfigDefinition>> Definitions { get; } = definitions;

    /// <summary>Selects and implies by the symbol they target.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<KconfigSelect>> SelectedBy { get; } = selectedBy;

    /// <summary>True when the kernel defines <paramref name="symbol"/>.</summary>
    public bool Defines(string symbol) => Definitions.ContainsKey(symbol);

    /// <summary>The symbol's type (first block that states one).</summary>
    public string? TypeOf(string symbol) =>
        Definitions.TryGetValue(symbol, out var defs) ? defs.Select(d => d.Type).FirstOrDefault(t => t is not null) : null;

    /// <summary>Symbol values from a resulting .config: a defined bool/tristate absent from it is n, an unknown symbol null.</summary>
    public ISymbolValues ValuesFrom(KernelConfig config) => new ConfigValues(this, config);

    private sealed class ConfigValues(KconfigTree tree, KernelConfig config) : ISymbolValues
    {
        public string? ValueOf(string symbol) =>
            config["CONFIG_" + symbol] is { } value ? value
            : !tree.Defines(symbol) ? null
            : tree.TypeOf(symbol) is "bool" or "tristate" or null ? "n" : "";
    }
}
