using System.Text.RegularExpressions;

namespace EdgeBuild.Kernel;

/// <summary>How an option ended up in a kernel config.</summary>
public enum OptionState { Enabled, Module, Missing }

/// <summary>
/// A parsed kernel configuration (.config, defconfig or a fragment): symbol values by CONFIG_ name.
/// "# CONFIG_X is not set" is kept as the value "n" so a fragment can turn an option off; <see cref="Text"/> keeps the
/// file as read so a fragment can be merged into it.
/// </summary>
public sealed partial record KernelConfig(IReadOnlyDictionary<string, string> Values, string Source, string? HeaderVersion, string? Arch, string Text)
{
    /// <summary>The value of <paramref name="name"/> (with CONFIG_ prefix), or null when the config does not mention it.</summary>
    public string? this[string name] => Values.TryGetValue(name, out var v) ? v : null;

    /// <summary>enabled for y, module for m, missing otherwise (moby's verdicts).</summary>
    public OptionState StateOf(string name) => this[name] switch
    {
        "y" => OptionState.Enabled,
        "m" => OptionState.Module,
        _ => OptionState.Missing,
    };

    /// <summary>True when the option is y or m.</summary>
    public bool IsSet(string name) => StateOf(name) != OptionState.Missing;

    /// <summary>Parses config text; <paramref name="source"/> names where it came from in messages and reports.</summary>
    public static KernelConfig Parse(string text, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? version = null, arch = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (ParseLine(line) is { } entry) values[entry.Name] = entry.Value;
            else if (version is null && HeaderPattern().Match(line) is { Success: true } h)
            {
                arch = h.Groups[1].Value;
                version = h.Groups[2].Value;
            }
        }
        return new KernelConfig(values, source, version, arch, text);
    }

    /// <summary>The symbol and value a config line sets, or null for comments and blank lines.</summary>
    public static (string Name, string Value)? ParseLine(string line)
    {
        if (SetPattern().Match(line) is { Success: true } s) return (s.Groups[1].Value, Unquote(s.Groups[2].Value.Trim()));
        if (NotSetPattern().Match(line) is { Success: true } n) return (n.Groups[1].Value, "n");
        return null;
    }

    // String options keep their quotes in .config; comparisons in Kconfig use the bare text.
    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"").Replace("\\\\", "\\") : value;

    [GeneratedRegex(@"^(CONFIG_[A-Za-z0-9_]+)=(.*)$")]
    private static partial Regex SetPattern();
    [GeneratedRegex(@"^#\s*(CONFIG_[A-Za-z0-9_]+) is not set\s*$")]
    private static partial Regex NotSetPattern();
    [GeneratedRegex(@"^#\s*Linux/(\S+)\s+(\d+\.\d+[^\s]*)\s+Kernel Configuration")]
    private static partial Regex HeaderPattern();
}
