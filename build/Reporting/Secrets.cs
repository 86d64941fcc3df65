namespace EdgeBuild.Reporting;

/// <summary>Values that must never be printed; every output path masks them.</summary>
public static class Secrets
{
    private static readonly List<string> Values = [];
    private static readonly Lock Gate = new();

    /// <summary>Registers a value to be masked as *** from now on, and each of its lines (output is masked line by line).</summary>
    public static void Register(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (Gate)
        {
            foreach (var part in value.Split(['\r', '\n']).Select(p => p.Trim()).Append(value).Where(p => p.Length >= 3))
                if (!Values.Contains(part)) Values.Add(part);
            Values.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    /// <summary>Replaces every registered secret in <paramref name="text"/> with ***.</summary>
    public static string Mask(string text)
    {
        lock (Gate)
            foreach (var value in Values)
                text = text.Replace(value, "***", StringComparison.Ordinal);
        return text;
    }
}
