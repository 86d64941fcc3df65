using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel.Kconfig;

/// <summary>Parses Kconfig expressions: symbols, constants, =, !=, &lt;, &lt;=, &gt;, &gt;=, !, &amp;&amp;, ||, parentheses (Kconfig precedence).</summary>
public static class KconfigExprParser
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="where"/> (file:line) goes into the error.</summary>
    public static KconfigExpr Parse(string text, string where = "expression")
    {
        var tokens = Tokenize(text, where);
        var position = 0;
        var expr = ParseOr(tokens, ref position, where);
        if (position != tokens.Count) throw new BuildException($"{where}: unexpected '{tokens[position].Text}' in Kconfig expression '{text}'.");
        return expr;
    }

    private sealed record Token(string Text, bool Quoted);

    private static KconfigExpr ParseOr(List<Token> t, ref int i, string where)
    {
        var left = ParseAnd(t, ref i, where);
        while (i < t.Count && t[i] is { Text: "||", Quoted: false }) { i++; left = new KconfigOr(left, ParseAnd(t, ref i, where)); }
        return left;
    }

    private static KconfigExpr ParseAnd(List<Token> t, ref int i, string where)
    {
        var left = ParseNot(t, ref i, where);
        while (i < t.Count && t[i] is { Text: "&&", Quoted: false }) { i++; left = new KconfigAnd(left, ParseNot(t, ref i, where)); }
        return left;
    }

    private static KconfigExpr ParseNot(List<Token> t, ref int i, string where)
    {
        if (i < t.Count && t[i] is { Text: "!", Quoted: false }) { i++; return new KconfigNot(ParseNot(t, ref i, where)); }
        if (i < t.Count && t[i] is { Text: "(", Quoted: false })
        {
            i++;
            var inner = ParseOr(t, ref i, where);
            if (i >= t.Count || t[i].Text != ")") throw new BuildException($"{where}: missing ')' in Kconfig expression.");
            i++;
            return inner;
        }
        var left = Symbol(t, ref i, where);
        if (i < t.Count && !t[i].Quoted && t[i].Text is "=" or "!=" or "<" or "<=" or ">" or ">=")
        {
            var op = t[i++].Text;
            return new KconfigCompare(op, left, Symbol(t, ref i, where));
        }
        return left;
    }

    private static KconfigSymbol Symbol(List<Token> t, ref int i, string where)
    {
        if (i >= t.Count) throw new BuildException($"{where}: Kconfig expression ends where a symbol was expected.");
        var token = t[i++];
        if (!token.Quoted && token.Text is "(" or ")" or "!" or "&&" or "||" or "=" or "!=" or "<" or "<=" or ">" or ">=")
            throw new BuildException($"{where}: expected a symbol, got '{token.Text}'.");
        return new KconfigSymbol(token.Text, token.Quoted);
    }

    private static List<Token> Tokenize(string text, string where)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '"' or '\'')
            {
                var end = i + 1;
                var value = new System.Text.StringBuilder();
                while (end < text.Length && text[end] != c)
                {
                    if (text[end] == '\\' && end + 1 < text.Length) end++;
                    value.Append(text[end++]);
                }
                if (end >= text.Length) throw new BuildException($"{where}: unterminated string in Kconfig expression '{text}'.");
                tokens.Add(new Token(value.ToString(), true));
                i = end + 1;
                continue;
            }
            if (c == '$' && i + 1 < text.Length && text[i + 1] == '(')
            {
                var end = MacroEnd(text, i);
                tokens.Add(new Token(text[i..end], false));
                i = end;
                continue;
            }
            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "&&" or "||" or "!=" or "<=" or ">=") { tokens.Add(new Token(two, false)); i += 2; continue; }
            if (c is '!' or '(' or ')' or '=' or '<' or '>') { tokens.Add(new Token(c.ToString(), false)); i++; continue; }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.' or '/' or '+')) i++;
            if (i == start) throw new BuildException($"{where}: unexpected character '{c}' in Kconfig expression '{text}'.");
            tokens.Add(new Token(text[start..i], false));
        }
        return tokens;
    }

    /// <summary>Index just past the ')' closing the $( at <paramref name="start"/>.</summary>
    internal static int MacroEnd(string text, int start)
    {
        var depth = 0;
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i + 1;
        }
        return text.Length;
    }
}
