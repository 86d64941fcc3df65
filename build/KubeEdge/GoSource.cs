using System.Text.RegularExpressions;

namespace EdgeBuild.KubeEdge;

/// <summary>A span of Go source text: start index and length.</summary>
public readonly record struct SourceSpan(int Start, int Length)
{
    /// <summary>Index just past the span.</summary>
    public int End => Start + Length;
}

/// <summary>Just enough Go lexing to find a top-level function by its signature and the brace that closes it.</summary>
public static class GoSource
{
    /// <summary>
    /// The function declared with <paramref name="signature"/> (whitespace-insensitive), from its doc comment to its
    /// closing brace, or null when the file has no such declaration.
    /// </summary>
    public static SourceSpan? FindFunction(string source, string signature)
    {
        var match = Regex.Match(source, "^" + SignaturePattern(signature) + @"\s*\{", RegexOptions.Multiline);
        if (!match.Success) return null;
        var close = MatchingBrace(source, match.Index + match.Length - 1);
        var start = DocCommentStart(source, match.Index);
        return new SourceSpan(start, close + 1 - start);
    }

    // Go tokens of the signature with any spacing between them (at least one space between two words).
    private static string SignaturePattern(string signature)
    {
        var tokens = Regex.Matches(signature, @"\w+|\S").Select(m => m.Value).ToList();
        var pattern = new System.Text.StringBuilder(Regex.Escape(tokens[0]));
        for (var i = 1; i < tokens.Count; i++)
            pattern.Append(char.IsLetterOrDigit(tokens[i - 1][^1]) && char.IsLetterOrDigit(tokens[i][0]) ? @"\s+" : @"\s*").Append(Regex.Escape(tokens[i]));
        return pattern.ToString();
    }

    /// <summary>Index of the '}' that closes the '{' at <paramref name="open"/>, skipping strings, runes and comments.</summary>
    public static int MatchingBrace(string source, int open)
    {
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '{': depth++; break;
                case '}': if (--depth == 0) return i; break;
                case '"': i = SkipQuoted(source, i, '"'); break;
                case '\'': i = SkipQuoted(source, i, '\''); break;
                case '`': i = IndexOrEnd(source, '`', i + 1); break;
                case '/' when i + 1 < source.Length && source[i + 1] == '/': i = IndexOrEnd(source, '\n', i); break;
                case '/' when i + 1 < source.Length && source[i + 1] == '*': i = source.IndexOf("*/", i + 2, StringComparison.Ordinal) is var e and >= 0 ? e + 1 : source.Length; break;
            }
        }
        throw new FormatException($"The brace at offset {open} is never closed.");
    }

    // A doc comment is the run of // lines directly above the declaration; it goes with the function it documents.
    private static int DocCommentStart(string source, int declaration)
    {
        var start = declaration;
        while (start > 0)
        {
            var previousEnd = start - 1; // the '\n' ending the previous line
            var previousStart = source.LastIndexOf('\n', Math.Max(previousEnd - 1, 0)) + 1;
            if (previousEnd <= previousStart || !source.AsSpan(previousStart, previousEnd - previousStart).TrimStart().StartsWith("//")) break;
            start = previousStart;
        }
        return start;
    }

    private static int SkipQuoted(string source, int open, char quote)
    {
        for (var i = open + 1; i < source.Length; i++)
        {
            if (source[i] == '\\') i++;
            else if (source[i] == quote || source[i] == '\n') return i;
        }
        return source.Length;
    }

    private static int IndexOrEnd(string source, char c, int from) => source.IndexOf(c, from) is var i and >= 0 ? i : source.Length;
}
