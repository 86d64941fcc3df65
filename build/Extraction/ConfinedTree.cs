namespace EdgeBuild.Extraction;

/// <summary>
/// One directory tree whose paths are resolved against the real files in it, the way the kernel would follow them,
/// but refusing any step that leaves it: for unpacking into it (never through a link) and for reading out of it.
/// </summary>
public sealed class ConfinedTree(string root)
{
    // Linux gives up after 40 links in one lookup (ELOOP); so does this.
    private const int MaxLinkHops = 40;

    /// <summary>The tree's full path.</summary>
    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <summary>
    /// The real full path <paramref name="relative"/> leads to, following every symlink on the way (the last one too),
    /// or null when a step leaves the tree or the links loop. Missing components are taken as they are written.
    /// </summary>
    public string? Resolve(string relative)
    {
        var resolved = new List<string>();
        var pending = new LinkedList<string>(Split(relative));
        var hops = 0;
        while (pending.First is { } next)
        {
            pending.RemoveFirst();
            var name = next.Value;
            if (name is "" or ".") continue;
            if (name == "..")
            {
                if (resolved.Count == 0) return null;
                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var path = Join(resolved.Append(name));
            if (FileKinds.Of(path) != FileKind.Symlink) { resolved.Add(name); continue; }
            if (++hops > MaxLinkHops) return null;
            var target = new FileInfo(path).LinkTarget!;
            if (Path.IsPathRooted(target))
            {
                var full = Path.GetFullPath(target);
                if (!IsInside(full)) return null;
                resolved.Clear();
                target = Path.GetRelativePath(Root, full);
            }
            foreach (var part in Split(target).Reverse()) pending.AddFirst(part);
        }
        return Join(resolved);
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> for writing it: every parent (and the path itself when
    /// <paramref name="andSelf"/>) is made a real directory, created when missing; none may be a symlink or a file,
    /// so a write never goes through a link.
    /// </summary>
    public string PrepareParents(string relative, string archive, string entryName, bool andSelf = false)
    {
        var parts = Split(relative).Where(p => p is not ("" or ".")).ToList();
        for (var i = 0; i < parts.Count - (andSelf ? 0 : 1); i++)
        {
            var path = Join(parts.Take(i + 1));
            switch (FileKinds.Of(path))
            {
                case FileKind.Missing: Directory.CreateDirectory(path); break;
                case FileKind.Directory: break;
                case FileKind.Symlink:
                    throw new UnsafeArchiveException($"{archive}: entry '{entryName}' would be written through the link '{string.Join('/', parts.Take(i + 1))}' an earlier entry made; refused.");
                default:
                    throw new UnsafeArchiveException($"{archive}: entry '{entryName}' needs '{string.Join('/', parts.Take(i + 1))}' to be a directory, but an earlier entry made it a file; refused.");
            }
        }
        return Join(parts);
    }

    /// <summary>
    /// The full path of the regular file <paramref name="relative"/> names itself (no link on the way, nor at the end),
    /// or null when it is anything else.
    /// </summary>
    public string? RegularFileAt(string relative)
    {
        var parts = Split(relative).Where(p => p is not ("" or ".")).ToList();
        if (parts.Count == 0 || parts.Contains("..")) return null;
        for (var i = 0; i < parts.Count - 1; i++)
            if (FileKinds.Of(Join(parts.Take(i + 1))) != FileKind.Directory) return null;
        var path = Join(parts);
        return FileKinds.Of(path) == FileKind.Regular ? path : null;
    }

    /// <summary>Opens a file of the tree for reading, following links only while they stay inside it.</summary>
    public FileStream OpenRead(string relative, string what)
    {
        var path = Resolve(relative) ?? throw new UnsafeArchiveException($"{what} {Path.Combine(Root, relative)} is a link leading outside {Root} (or a link loop); refused.");
        return FileKinds.Of(path) switch
        {
            FileKind.Regular => File.OpenRead(path),
            FileKind.Missing => throw new FileNotFoundException($"{what} {Path.Combine(Root, relative)} does not exist.", path),
            _ => throw new UnsafeArchiveException($"{what} {Path.Combine(Root, relative)} is not a regular file; refused."),
        };
    }

    /// <summary>Fails naming the first symlink in the tree that leads outside it (after full resolution) or loops.</summary>
    public void VerifyLinks(string archive)
    {
        foreach (var link in Symlinks(Root))
        {
            var relative = Path.GetRelativePath(Root, link);
            if (Resolve(relative) is null)
                throw new UnsafeArchiveException($"{archive}: link entry '{relative.Replace('\\', '/')}' -> '{new FileInfo(link).LinkTarget}' leads outside the tree (or loops) once the archive's other links are followed; refused.");
        }
    }

    /// <summary>Whether <paramref name="full"/> is the root or below it.</summary>
    public bool IsInside(string full) => full == Root || full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // Walks real directories only: a link to a directory is reported, never descended into.
    private static IEnumerable<string> Symlinks(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
            switch (FileKinds.Of(entry))
            {
                case FileKind.Symlink: yield return entry; break;
                case FileKind.Directory: foreach (var inner in Symlinks(entry)) yield return inner; break;
            }
    }

    private static string[] Split(string path) => path.Replace('\\', '/').Split('/');

    private string Join(IEnumerable<string> parts) => string.Join(Path.DirectorySeparatorChar, parts.Prepend(Root));
}
