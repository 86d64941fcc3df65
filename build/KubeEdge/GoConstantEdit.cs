using EdgeBuild.Tooling;
using System.Text.RegularExpressions;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>Sets string constants (`Name = "value"` in a const block) in one Go file; each must occur exactly once.</summary>
public static class GoConstantEdit
{
    /// <summary>Sets every constant in <paramref name="values"/> in <paramref name="file"/> under <paramref name="tree"/> (or, dry, says what it would set).</summary>
    public static FileChange Apply(string tree, string file, IReadOnlyDictionary<string, string> values, string patchName, string version, bool dryRun = false)
    {
        var path = Path.Combine(tree, file);
        if (!File.Exists(path))
            throw new BuildException($"{patchName} for KubeEdge {version}: {file} does not exist in {tree}. Does the tree match --kubeedge-version {version}?");
        var before = FileHash.Sha256(path);
        var source = File.ReadAllText(path);
        var changed = new List<string>();
        foreach (var (name, value) in values)
        {
            var matches = Regex.Matches(source, $@"^(?<lead>[ \t]*{Regex.Escape(name)}[ \t]*=[ \t]*)""(?<value>[^""\n]*)""", RegexOptions.Multiline);
            if (matches.Count != 1)
                throw new BuildException($"{patchName} for KubeEdge {version}: constant {name} found {matches.Count} times in {path}, expected once. " +
                    "The file changed shape in this version; update targets/kubeedge/versions.json (rootDirEdits).");
            var match = matches[0];
            if (match.Groups["value"].Value == value) continue;
            source = source[..match.Index] + match.Groups["lead"].Value + Quote(value) + source[(match.Index + match.Length)..];
            changed.Add($"{name} {match.Groups["value"].Value} → {value}");
        }
        if (changed.Count == 0)
        {
            BuildReport.Current.Information($"{file}: {string.Join(", ", values.Keys)} already set.");
            return new FileChange(patchName, file, before, before) { Description = $"{string.Join(", ", values.Keys)} already set" };
        }
        if (dryRun)
        {
            BuildReport.Current.Information($"{file}: would set {string.Join("; ", changed)}");
            return new FileChange(patchName, file, before, FileHash.Sha256OfText(source)) { Description = "would set " + string.Join("; ", changed) };
        }
        File.WriteAllText(path, source);
        BuildReport.Current.Information($"{file}: {string.Join("; ", changed)}");
        return new FileChange(patchName, file, before, FileHash.Sha256(path)) { Description = string.Join("; ", changed) };
    }

    private static string Quote(string value) =>
        value.Any(c => c is '"' or '\\' or '\n') ? throw new BuildException($"Path '{value}' cannot go into a Go string constant as is.") : $"\"{value}\"";
}
