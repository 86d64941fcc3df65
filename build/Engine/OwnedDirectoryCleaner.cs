using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>
/// Clean's one rule: remove only entries the build knows, and only inside a directory that carries the build's
/// marker (<see cref="OutputRoots.MarkerName"/>); a user's directory given by mistake is refused untouched.
/// </summary>
public static class OwnedDirectoryCleaner
{
    /// <summary>Removes <paramref name="knownEntries"/> (names directly inside <paramref name="root"/>); returns what was removed.</summary>
    public static IReadOnlyList<string> Clean(OutputRoot root, IEnumerable<string> knownEntries)
    {
        var dir = root.Directory;
        if (!System.IO.Directory.Exists(dir)) return [];
        if (!OutputRoots.IsOwned(dir))
            throw new BuildException($"Refusing to clean {dir} ({root.Parameter}): it has no {OutputRoots.MarkerName} marker, so the build did not make it. " +
                "Nothing was deleted; remove it yourself if it really is build output, or give the parameter the build's own directory.");
        var removed = new List<string>();
        foreach (var name in knownEntries.Distinct())
        {
            if (name.Contains('/') || name is "." or ".." or OutputRoots.MarkerName) throw new ArgumentException($"'{name}' is not a plain entry name.");
            var path = dir / name;
            if (System.IO.Directory.Exists(path) && !new DirectoryInfo(path).Attributes.HasFlag(FileAttributes.ReparsePoint)) System.IO.Directory.Delete(path, recursive: true);
            else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null) File.Delete(path);
            else continue;
            removed.Add(path);
        }
        return removed;
    }
}
