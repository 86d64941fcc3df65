namespace EdgeBuild.Releasing;

/// <summary>A minimal unified-style line diff ("- old", "+ new", "  same") for printing pin rewrites.</summary>
public static class LineDiff
{
    /// <summary>The changed lines of <paramref name="before"/> → <paramref name="after"/> with one line of context around each change.</summary>
    public static string Render(string before, string after)
    {
        var a = before.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        var b = after.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        // Longest common subsequence table; pins files are a few dozen lines.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var lines = new List<(char Tag, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
            if (x < a.Length && y < b.Length && a[x] == b[y]) { lines.Add((' ', a[x])); x++; y++; }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y])) lines.Add(('+', b[y++]));
            else lines.Add(('-', a[x++]));
        var keep = lines.Select((l, i) => l.Tag != ' ' || (i > 0 && lines[i - 1].Tag != ' ') || (i + 1 < lines.Count && lines[i + 1].Tag != ' ')).ToList();
        return string.Join('\n', lines.Where((_, i) => keep[i]).Select(l => $"{l.Tag} {l.Text}"));
    }
}
