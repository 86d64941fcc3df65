using System.Text.RegularExpressions;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>Labels the new root directories (/run /var /opt /usr) as rootfs in the version's SELinux file_contexts.</summary>
public sealed class SelinuxFileContexts(IReadOnlyList<string> paths, string comment) : ITreePatch
{
    /// <summary>What the patch labels, from patches/openharmony/selinux-file-contexts.json.</summary>
    public sealed record Data(IReadOnlyList<string> Paths, string Comment);

    /// <summary>The patch with the paths listed in <paramref name="dataFile"/>.</summary>
    public static SelinuxFileContexts Load(string dataFile)
    {
        var data = OhosDataFile.Read<Data>(dataFile);
        return new SelinuxFileContexts(data.Paths, data.Comment);
    }

    public string Name => "selinux-file-contexts";

    public IReadOnlyList<FileChange> Apply(OhosTree tree, bool dryRun)
    {
        var layout = tree.Version.FileContexts;
        return [TextFileEdit.Apply(Name, tree, layout.File, text => Transform(text, layout, tree.Version.Version), dryRun)];
    }

    /// <summary>The file with a rootfs line for each unlabelled path, right after the root entry; the input when all are labelled.</summary>
    public string Transform(string text, FileContextsLayout layout, string version)
    {
        var root = new Regex($@"^/[ \t]+{Regex.Escape(layout.RootLabel)}[ \t]*\r?$", RegexOptions.Multiline).Match(text);
        if (!root.Success) throw Mismatch(layout, version, $"the root entry '/       {layout.RootLabel}'");
        foreach (var path in layout.AlreadyLabelled)
            if (LabelOf(text, path) is null) throw Mismatch(layout, version, $"an entry labelling {path}");

        var missing = new List<string>();
        foreach (var path in paths)
        {
            var label = LabelOf(text, path);
            if (label is null) missing.Add(path);
            else if (label != layout.RootLabel)
                throw new BuildException($"{Name}: {layout.File} already labels {path} as {label}, not {layout.RootLabel}. " +
                    "Decide which label the device needs and remove one of the two entries by hand.");
        }
        if (missing.Count == 0) return text;
        var lines = string.Concat(missing.Select(p => $"{p}       {layout.RootLabel}\n"));
        var insertAt = root.Index + root.Length + 1;
        return insertAt > text.Length ? text + "\n" + comment + "\n" + lines : text[..insertAt] + comment + "\n" + lines + text[insertAt..];
    }

    // The label of an exact-path entry ("/run" or "/run(/.*)?"), or null.
    private static string? LabelOf(string text, string path)
    {
        var match = new Regex($@"^{Regex.Escape(path)}(\(/\.\*\)\?)?[ \t]+(?<label>\S+)", RegexOptions.Multiline).Match(text);
        return match.Success ? match.Groups["label"].Value : null;
    }

    private BuildException Mismatch(FileContextsLayout layout, string version, string anchor) =>
        new($"{Name}: {layout.File} does not look like OpenHarmony {version}'s: expected anchor {anchor} is missing " +
            "(targets/openharmony/<version>.json, fileContexts). Pass the right --ohos-version, or update that data file for this tree.");
}
