using System.Reflection;
using System.Text.RegularExpressions;

namespace EdgeBuild.Engine;

/// <summary>Trims a [Secret] parameter's value and checks its characters, failing without ever showing the value.</summary>
public static class SecretValue
{
    /// <summary>The trimmed value (null when only blanks were given); a disallowed character fails naming the parameter and where it came from.</summary>
    public static string? Checked(ParameterInfo parameter, string value, string source)
    {
        // A pasted token often ends in a newline; kept, it splits across output lines (escaping the mask) and breaks the config it goes into.
        var trimmed = value.Trim();
        if (trimmed.Length == 0) return null;
        var attribute = parameter.Member.GetCustomAttribute<SecretAttribute>();
        var allowed = attribute?.Allowed is { } set ? new Regex($"^[{set}]+$") : new Regex(@"^[^\s\p{C}]+$");
        if (!allowed.IsMatch(trimmed))
            throw new UsageException($"Parameter --{parameter.Name} ({source}) has characters {attribute?.Kind ?? "a secret"} never has " +
                $"({(attribute?.Allowed is { } a ? $"only {a} are allowed" : "blanks or control characters inside")}); check how it was copied (the value is not shown).");
        return trimmed;
    }
}
