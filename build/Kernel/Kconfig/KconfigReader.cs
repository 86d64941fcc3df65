using System.Text.RegularExpressions;
using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel.Kconfig;

/// <summary>
/// Reads a kernel's Kconfig tree from its top Kconfig: source (with $(SRCARCH)/$(srctree) and Kconfig variables
/// expanded), menu/endmenu, if/endif, choice/endchoice, config/menuconfig, types and prompts, depends on, select,
/// imply, visible if; help text is skipped by indentation as the kernel's lexer does. Defaults and ranges are not
/// needed to explain a dropped option and are skipped.
/// </summary>
public sealed partial class KconfigReader
{
    private sealed class Block(string kind, string location)
    {
        public string Kind { get; } = kind;
        public string Location { get; } = location;
        public KconfigExpr? Depends { get; set; }
        public KconfigExpr? Visible { get; set; }
    }

    private sealed class Entry(string name, string location)
    {
        public string Name { get; } = name;
        public string Location { get; } = location;
        public string? Type { get; set; }
        public bool HasPrompt { get; set; }
        public KconfigExpr? Depends { get; set; }
        public KconfigExpr? PromptIf { get; set; }
        public List<(string Target, KconfigExpr? Condition, bool Imply)> Selects { get; } = [];
    }

    private readonly string _srcTree;
    private readonly Dictionary<string, string> _variables;
    private readonly Dictionary<string, List<KconfigDefinition>> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KconfigSelect>> _selects = new(StringComparer.Ordinal);
    private readonly List<Block> _stack = [];
    private readonly List<string> _sourcing = [];
    private Entry? _entry;
    private Block? _header; // the menu or choice whose own attributes are being read

    private KconfigReader(string srcTree, string srcArch)
    {
        _srcTree = srcTree;
        _variables = new(StringComparer.Ordinal) { ["SRCARCH"] = srcArch, ["ARCH"] = srcArch, ["srctree"] = srcTree };
    }

    /// <summary>Reads the tree under <paramref name="srcTree"/> for <paramref name="srcArch"/> (arm64, x86, arm...).</summary>
    public static KconfigTree Read(string srcTree, string srcArch)
    {
        var top = Path.Combine(srcTree, "Kconfig");
        if (!File.Exists(top)) throw new BuildException($"{srcTree} has no top-level Kconfig; pass the root of a kernel source tree as --kernel-source.");
        var reader = new KconfigReader(Path.GetFullPath(srcTree), srcArch);
        reader.ReadFile(top, optional: false);
        reader.Finish();
        return new KconfigTree(
            reader._definitions.ToDictionary(p => p.Key, p => (IReadOnlyList<KconfigDefinition>)p.Value),
            reader._selects.ToDictionary(p => p.Key, p => (IReadOnlyList<KconfigSelect>)p.Value));
    }

    private void ReadFile(string path, bool optional)
    {
        if (!File.Exists(path))
        {
            if (optional) return;
            throw new BuildException($"Kconfig file {path} is sourced but missing; the kernel tree is incomplete.");
        }
        var relative = Path.GetRelativePath(_srcTree, path);
        var full = Path.GetFullPath(path);
        if (_sourcing.Contains(full))
            throw new BuildException($"{relative} sources itself (through {string.Join(" → ", _sourcing.Select(f => Path.GetRelativePath(_srcTree, f)))}); " +
                "a variable in a source path is probably unset (set it in the environment, as the kernel's Makefile does).");
        _sourcing.Add(full);
        try { ReadLines(File.ReadAllLines(path), relative, path); }
        finally { _sourcing.RemoveAt(_sourcing.Count - 1); }
    }

    private void ReadLines(string[] lines, string relative, string path)
    {
        int? helpIndent = null;
        var inHelp = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i];
            if (inHelp)
            {
                if (line.Trim().Length == 0) continue;
                var indent = Indentation(line);
                helpIndent ??= indent;
                if (indent >= helpIndent && indent > 0) continue;
                inHelp = false;
            }
            while (line.EndsWith('\\') && i + 1 < lines.Length) line = line[..^1] + " " + lines[++i];
            var text = StripComment(line).Trim();
            if (text.Length == 0) continue;
            if (Statement(text, $"{relative}:{number}", path)) { inHelp = true; helpIndent = null; }
        }
    }

    // Returns true when a help block starts.
    private bool Statement(string text, string where, string file)
    {
        // A bare $(...) line is a macro evaluated for its side effect (error-if, warning-if on toolchain probes).
        if (text.StartsWith("$(", StringComparison.Ordinal)) return false;
        var keyword = KeywordPattern().Match(text).Value;
        var rest = text[keyword.Length..].Trim();
        switch (keyword)
        {
            case "config" or "menuconfig":
                Finish();
                _entry = new Entry(rest, where);
                return false;
            case "choice":
                Finish();
                _header = new Block("choice", where);
                _stack.Add(_header);
                return false;
            case "menu":
                Finish();
                _header = new Block("menu", where);
                _stack.Add(_header);
                return false;
            case "if":
                Finish();
                _stack.Add(new Block("if", where) { Depends = KconfigExprParser.Parse(rest, where) });
                return false;
            case "endchoice" or "endmenu" or "endif":
                Finish();
                var kind = keyword[3..];
                var index = _stack.FindLastIndex(b => b.Kind == kind);
                if (index < 0) throw new BuildException($"{where}: {keyword} without {kind}.");
                _stack.RemoveRange(index, _stack.Count - index);
                return false;
            case "comment" or "mainmenu":
                Finish();
                _header = new Block("comment", where);
                return false;
            case "source" or "rsource" or "osource" or "orsource":
                Finish();
                var name = Expand(Unquote(rest));
                var baseDir = keyword.StartsWith("o") ? keyword[1..] : keyword;
                var target = baseDir == "rsource" ? Path.Combine(Path.GetDirectoryName(file)!, name) : Path.Combine(_srcTree, name);
                ReadFile(target, optional: keyword.StartsWith('o'));
                return false;
            case "bool" or "boolean" or "tristate" or "string" or "int" or "hex":
                if (_entry is not null)
                {
                    _entry.Type = keyword == "boolean" ? "bool" : keyword;
                    Prompt(rest, where);
                }
                return false;
            case "def_bool" or "def_tristate":
                if (_entry is not null) _entry.Type = keyword[4..];
                return false;
            case "prompt":
                if (_entry is not null) Prompt(rest, where);
                return false;
            case "depends":
                var expr = KconfigExprParser.Parse(OnPattern().Replace(rest, ""), where);
                if (_entry is not null) _entry.Depends = KconfigExpr.AndOf(_entry.Depends, expr);
                else if (_header is not null) _header.Depends = KconfigExpr.AndOf(_header.Depends, expr);
                return false;
            case "visible":
                if (_header is not null) _header.Visible = KconfigExpr.AndOf(_header.Visible, KconfigExprParser.Parse(IfPattern().Replace(rest, ""), where));
                return false;
            case "select" or "imply":
                if (_entry is not null)
                {
                    var (symbol, condition) = SplitIf(rest, where);
                    _entry.Selects.Add((symbol, condition, keyword == "imply"));
                }
                return false;
            case "help" or "---help---":
                return true;
            case "default" or "range" or "option" or "modules" or "optional" or "transitional" or "defconfig_list" or "allnoconfig_y" or "env":
                return false;
        }
        if (AssignmentPattern().Match(text) is { Success: true } assignment)
        {
            var (variable, op, value) = (assignment.Groups[1].Value, assignment.Groups[2].Value, assignment.Groups[3].Value.Trim());
            _variables[variable] = op == "+=" && _variables.TryGetValue(variable, out var old) ? old + " " + value : value;
            return false;
        }
        throw new BuildException($"{where}: unknown Kconfig statement '{text}'.");
    }

    private void Prompt(string rest, string where)
    {
        if (rest.Length == 0 || rest[0] is not ('"' or '\'')) return;
        var close = rest.IndexOf(rest[0], 1);
        _entry!.HasPrompt = true;
        var after = close < 0 ? "" : rest[(close + 1)..].Trim();
        if (after.StartsWith("if ", StringComparison.Ordinal) || after.StartsWith("if\t", StringComparison.Ordinal))
            _entry.PromptIf = KconfigExpr.AndOf(_entry.PromptIf, KconfigExprParser.Parse(after[2..], where));
    }

    private static (string Symbol, KconfigExpr? Condition) SplitIf(string rest, string where)
    {
        var parts = IfSplitPattern().Match(rest);
        return parts.Groups[2].Success
            ? (parts.Groups[1].Value, KconfigExprParser.Parse(parts.Groups[2].Value, where))
            : (rest.Trim(), null);
    }

    // Records the entry being read with the dependencies of the blocks around it.
    private void Finish()
    {
        _header = null;
        if (_entry is not { } entry) return;
        _entry = null;
        KconfigExpr? depends = null, visible = null;
        string? choice = null;
        foreach (var block in _stack)
        {
            depends = KconfigExpr.AndOf(depends, block.Depends);
            visible = KconfigExpr.AndOf(visible, block.Visible);
            if (block.Kind == "choice") choice = block.Location;
        }
        depends = KconfigExpr.AndOf(depends, entry.Depends);
        var definition = new KconfigDefinition(entry.Name, entry.Type, entry.HasPrompt, depends,
            KconfigExpr.AndOf(visible, entry.PromptIf), choice, entry.Location);
        (_definitions.TryGetValue(entry.Name, out var list) ? list : _definitions[entry.Name] = []).Add(definition);
        foreach (var (target, condition, imply) in entry.Selects)
            (_selects.TryGetValue(target, out var selects) ? selects : _selects[target] = [])
                .Add(new KconfigSelect(entry.Name, target, KconfigExpr.AndOf(depends, condition), imply, entry.Location));
    }

    private string Expand(string text)
    {
        for (var guard = 0; guard < 16 && text.Contains("$("); guard++)
        {
            var start = text.IndexOf("$(", StringComparison.Ordinal);
            var end = KconfigExprParser.MacroEnd(text, start);
            var name = text[(start + 2)..(end - 1)];
            var value = _variables.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name) ?? "";
            text = text[..start] + value + text[end..];
        }
        return text;
    }

    private static string Unquote(string text) => text.Trim().Trim('"', '\'');

    // '#' starts a comment unless it is inside quotes or a $(...) call.
    private static string StripComment(string line)
    {
        char? quote = null;
        var depth = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null) { if (c == '\\') i++; else if (c == quote) quote = null; }
            else if (c is '"' or '\'') quote = c;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == '#' && depth <= 0) return line[..i];
        }
        return line;
    }

    private static int Indentation(string line)
    {
        var column = 0;
        foreach (var c in line)
        {
            if (c == ' ') column++;
            else if (c == '\t') column = (column / 8 + 1) * 8;
            else break;
        }
        return column;
    }

    [GeneratedRegex(@"^(---help---|[A-Za-z_][A-Za-z0-9_]*)(?=\s|$)")]
    private static partial Regex KeywordPattern();
    [GeneratedRegex(@"^on\b")]
    private static partial Regex OnPattern();
    [GeneratedRegex(@"^if\b")]
    private static partial Regex IfPattern();
    [GeneratedRegex(@"^(\S+)\s+if\s+(.*)$")]
    private static partial Regex IfSplitPattern();
    [GeneratedRegex(@"^([A-Za-z0-9_-]+)\s*(:=|\+=|=)(.*)$")]
    private static partial Regex AssignmentPattern();
}
