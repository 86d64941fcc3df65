using System.Text.RegularExpressions;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>Adds directories (run, var, opt, usr) to the root image's list in build_image.py's _prepare_root.</summary>
public sealed class BuildImageRootDirs(IReadOnlyList<string> dirs) : ITreePatch
{
    private static readonly Regex Quoted = new(@"'([^']*)'|""([^""]*)""");

    /// <summary>What the patch adds, from patches/openharmony/build-image-root-dirs.json.</summary>
    public sealed record Data(IReadOnlyList<string> Dirs);

    /// <summary>The patch with the directories listed in <paramref name="dataFile"/>.</summary>
    public static BuildImageRootDirs Load(string dataFile) => new(OhosDataFile.Read<Data>(dataFile).Dirs);

    public string Name => "build-image-root-dirs";

    public IReadOnlyList<FileChange> Apply(OhosTree tree, bool dryRun)
    {
        var layout = tree.Version.PrepareRoot;
        return [TextFileEdit.Apply(Name, tree, layout.File, text => Transform(text, layout, tree.Version.Version), dryRun)];
    }

    /// <summary>The file with the missing directories appended to the list; the input when nothing is missing.</summary>
    public string Transform(string text, PrepareRootLayout layout, string version)
    {
        var expected = $"def {layout.Function}(...) with {layout.List} = [{string.Join(", ", layout.Dirs.Select(d => $"'{d}'"))}]";
        var function = Regex.Match(text, $@"^def {Regex.Escape(layout.Function)}\(", RegexOptions.Multiline);
        if (!function.Success) throw Mismatch(layout, version, expected, $"no 'def {layout.Function}(' in the file");
        // The body ends at the next line that starts in column 0 (the next def, or module code).
        var headerEnd = text.IndexOf('\n', function.Index);
        var next = headerEnd < 0 ? Match.Empty : new Regex(@"^\S", RegexOptions.Multiline).Match(text, headerEnd + 1);
        var bodyEnd = next.Success ? next.Index : text.Length;
        var list = new Regex($@"\b{Regex.Escape(layout.List)}\s*=\s*\[(?<items>[^\]]*)\]").Match(text, function.Index, bodyEnd - function.Index);
        if (!list.Success) throw Mismatch(layout, version, expected, $"{layout.Function} has no '{layout.List} = [...]'");

        var items = list.Groups["items"];
        var present = Quoted.Matches(items.Value).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        var upstream = present.Where(d => !dirs.Contains(d)).ToList();
        if (!upstream.ToHashSet().SetEquals(layout.Dirs))
            throw Mismatch(layout, version, expected, $"found [{string.Join(", ", present.Select(d => $"'{d}'"))}]");

        var missing = dirs.Where(d => !present.Contains(d)).ToList();
        if (missing.Count == 0) return text;
        var lastItem = Quoted.Matches(items.Value).Last();
        var quote = lastItem.Value[0];
        var insertAt = items.Index + lastItem.Index + lastItem.Length;
        return text[..insertAt] + string.Concat(missing.Select(d => $", {quote}{d}{quote}")) + text[insertAt..];
    }

    private BuildException Mismatch(PrepareRootLayout layout, string version, string expected, string found) =>
        new($"{Name}: {layout.File} does not look like OpenHarmony {version}'s: {found}. Expected anchor: {expected} " +
            "(targets/openharmony/<version>.json, prepareRoot). Pass the right --ohos-version, or update that data file for this tree.");
}
