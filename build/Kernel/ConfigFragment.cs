using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel;

/// <summary>What a merge does with a fragment symbol the config has no line for.</summary>
public enum MissingSymbols
{
    /// <summary>Appended under a comment naming the fragment (a kernel defconfig lists only what differs from defaults).</summary>
    Append,
    /// <summary>Left out (a later kernel config layer only gets its conflicting lines fixed).</summary>
    Skip,
    /// <summary>A build error naming the symbol (busybox's .config lists every symbol, so a missing one is a typo or a renamed option).</summary>
    Refuse,
}

/// <summary>One option line of a fragment: the symbol, its value ("n" for "is not set") and the line as written.</summary>
public sealed record FragmentLine(string Name, string Value, string Text);

/// <summary>
/// A Kconfig fragment (CONFIG_X=y / "# CONFIG_X is not set" lines), for the kernel and busybox alike, and the merge
/// merge_config.sh does: a fragment line replaces every line about the same symbol; what the config lacks is appended,
/// skipped or refused (<see cref="MissingSymbols"/>). Merging twice changes nothing.
/// </summary>
public sealed record ConfigFragment(IReadOnlyList<FragmentLine> Lines, string Source)
{
    /// <summary>Reads a fragment; fails naming the file and line of anything that is not an option, comment or blank.</summary>
    public static ConfigFragment Load(string path)
    {
        if (!File.Exists(path)) throw new BuildException($"Config fragment {path} does not exist.");
        var lines = new List<FragmentLine>();
        var number = 0;
        foreach (var raw in File.ReadAllLines(path))
        {
            number++;
            var line = raw.Trim();
            if (KernelConfig.ParseLine(line) is { } entry)
            {
                lines.RemoveAll(l => l.Name == entry.Name);
                lines.Add(new FragmentLine(entry.Name, entry.Value, line));
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
                throw new BuildException($"{path}:{number}: expected CONFIG_X=value, \"# CONFIG_X is not set\", a comment or a blank line; got '{line}'.");
        }
        return new ConfigFragment(lines, path);
    }

    /// <summary>Symbols the fragment turns on (y or m).</summary>
    public IEnumerable<FragmentLine> Requested => Lines.Where(l => l.Value is "y" or "m");

    /// <summary>
    /// <paramref name="text"/> with the fragment merged: lines about a fragment symbol become the fragment's line
    /// (later duplicates dropped); symbols not present are handled as <paramref name="missingSymbols"/> says.
    /// </summary>
    public string MergeInto(string text, MissingSymbols missingSymbols = MissingSymbols.Append)
    {
        var bySymbol = Lines.ToDictionary(l => l.Name);
        var seen = new HashSet<string>();
        var output = new List<string>();
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        foreach (var line in lines)
        {
            if (KernelConfig.ParseLine(line.Trim()) is { } entry && bySymbol.TryGetValue(entry.Name, out var wanted))
            {
                if (seen.Add(entry.Name)) output.Add(wanted.Text);
                continue;
            }
            output.Add(line);
        }
        var missing = Lines.Where(l => !seen.Contains(l.Name)).ToList();
        if (missingSymbols == MissingSymbols.Refuse && missing.Count > 0)
            throw new BuildException($"{Source}: {string.Join(", ", missing.Select(l => l.Name))} {(missing.Count == 1 ? "is not a symbol" : "are not symbols")} " +
                $"of this tree's config; fix or drop {(missing.Count == 1 ? "the line" : "the lines")} {string.Join(", ", missing.Select(l => $"'{l.Text}'"))}.");
        if (missingSymbols == MissingSymbols.Append && missing.Count > 0)
        {
            if (output.Count > 0 && output[^1].Trim().Length > 0) output.Add("");
            output.Add($"# Merged from {Path.GetFileName(Source)} (Docker + KubeEdge)");
            output.AddRange(missing.Select(l => l.Text));
        }
        return string.Join(newline, output) + newline;
    }
}
