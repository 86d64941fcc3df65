using System.Text;

namespace EdgeBuild.OpenHarmony;

/// <summary>Line-based unified diff (diff -u style, 3 lines of context) for dry-run output.</summary>
public static class UnifiedDiff
{
    // Above this many cells the middle is shown as one delete-then-add block instead of an LCS (memory bound).
    private const long MaxLcsCells = 16_000_000;

    private readonly record struct Op(char Kind, string Text);

    /// <summary>The diff of <paramref name="before"/> and <paramref name="after"/>; empty when they are equal.</summary>
    public static string Render(string oldName, string newName, string before, string after, int context = 3)
    {
        var ops = Diff(Lines(before), Lines(after));
        var changes = ops.Select((op, i) => (op, i)).Where(x => x.op.Kind != ' ').Select(x => x.i).ToList();
        if (changes.Count == 0) return "";
        var text = new StringBuilder().Append("--- ").AppendLine(oldName).Append("+++ ").AppendLine(newName);
        // Line numbers before each op, so hunk headers can be computed from op indices.
        var oldLine = new int[ops.Count + 1];
        var newLine = new int[ops.Count + 1];
        for (var i = 0; i < ops.Count; i++)
        {
            oldLine[i + 1] = oldLine[i] + (ops[i].Kind != '+' ? 1 : 0);
            newLine[i + 1] = newLine[i] + (ops[i].Kind != '-' ? 1 : 0);
        }
        var c = 0;
        while (c < changes.Count)
        {
            var start = Math.Max(0, changes[c] - context);
            var last = changes[c];
            while (c + 1 < changes.Count && changes[c + 1] - last <= 2 * context) last = changes[++c];
            c++;
            var end = Math.Min(ops.Count, last + context + 1);
            var oldCount = oldLine[end] - oldLine[start];
            var newCount = newLine[end] - newLine[start];
            text.Append($"@@ -{oldLine[start] + (oldCount > 0 ? 1 : 0)},{oldCount} +{newLine[start] + (newCount > 0 ? 1 : 0)},{newCount} @@\n");
            for (var i = start; i < end; i++) text.Append(ops[i].Kind).Append(ops[i].Text).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }

    private static string[] Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static List<Op> Diff(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        var ops = new List<Op>();
        ops.AddRange(a[..prefix].Select(l => new Op(' ', l)));
        var midA = a[prefix..(a.Length - suffix)];
        var midB = b[prefix..(b.Length - suffix)];
        if ((long)midA.Length * midB.Length > MaxLcsCells)
        {
            ops.AddRange(midA.Select(l => new Op('-', l)));
            ops.AddRange(midB.Select(l => new Op('+', l)));
        }
        else ops.AddRange(Lcs(midA, midB));
        ops.AddRange(a[(a.Length - suffix)..].Select(l => new Op(' ', l)));
        return ops;
    }

    private static IEnumerable<Op> Lcs(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                table[i, j] = a[i] == b[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { yield return new Op(' ', a[x]); x++; y++; }
            else if (table[x + 1, y] >= table[x, y + 1]) yield return new Op('-', a[x++]);
            else yield return new Op('+', b[y++]);
        }
        while (x < a.Length) yield return new Op('-', a[x++]);
        while (y < b.Length) yield return new Op('+', b[y++]);
    }
}
