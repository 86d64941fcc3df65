using DiffPlex;
using DiffPlex.Renderer;

namespace EdgeBuild.Tooling;

/// <summary>The one text diff of the build: unified format with hunks (what `diff -u` and `patch` read), from DiffPlex.</summary>
public static class TextDiff
{
    /// <summary>The unified diff of <paramref name="before"/> → <paramref name="after"/> under the given file names; empty when they are equal.</summary>
    public static string Unified(string oldName, string newName, string before, string after, int context = 3)
    {
        before = before.Replace("\r\n", "\n");
        after = after.Replace("\r\n", "\n");
        if (before == after) return "";
        // DiffPlex reads a final newline as one more, empty line; diff -u and patch do not.
        if (before.EndsWith('\n') && after.EndsWith('\n')) (before, after) = (before[..^1], after[..^1]);
        return new UnidiffRenderer(new Differ(), context).Generate(before, after, oldName, newName, ignoreWhitespace: false, ignoreCase: false)
            .Replace("\r\n", "\n").TrimEnd('\n');
    }
}
