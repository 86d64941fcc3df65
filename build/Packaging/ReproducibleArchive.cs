using System.Formats.Tar;

namespace EdgeBuild.Packaging;

/// <summary>
/// Writes a directory tree as tar.gz so that the same tree always gives the same bytes: entries sorted by path,
/// one fixed mtime, uid/gid 0 named root, modes normalised to 0755 (directories, executables) or 0644,
/// ustar headers, gzip members without name or timestamp.
/// </summary>
public static class ReproducibleArchive
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Regular = (UnixFileMode)0b110_100_100;
    private const UnixFileMode SymlinkMode = (UnixFileMode)0b111_111_111;
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The entries <see cref="Write"/> would store for <paramref name="directory"/>, in archive order.</summary>
    public static IReadOnlyList<ArchiveItem> Entries(string directory, string prefix = "")
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Cannot archive {directory}: the directory does not exist.");
        var root = Path.GetFullPath(directory);
        var items = new List<ArchiveItem>();
        var stem = prefix.Trim('/');
        if (stem.Length > 0) items.Add(new ArchiveItem(stem + "/", ArchiveItemKind.Directory, null, null, Executable));
        Walk(new DirectoryInfo(root), root, stem, items);
        items.Sort((a, b) => string.CompareOrdinal(a.Path.TrimEnd('/'), b.Path.TrimEnd('/')));
        return items;
    }

    /// <summary>Writes <paramref name="directory"/> to <paramref name="archivePath"/> (atomically) and returns the entries written.</summary>
    public static IReadOnlyList<ArchiveItem> Write(string directory, string archivePath, ArchiveOptions options) =>
        Write(Entries(directory, options.Prefix), archivePath, options);

    /// <summary>Normalised items for files and links placed at archive paths, with every parent directory added, in archive order.</summary>
    public static IReadOnlyList<ArchiveItem> ItemsFor(IEnumerable<(string Path, string Source, bool Executable)> files, IEnumerable<(string Path, string Target)> links)
    {
        var items = new List<ArchiveItem>();
        items.AddRange(files.Select(f => new ArchiveItem(f.Path, ArchiveItemKind.File, f.Source, null, f.Executable ? Executable : Regular)));
        items.AddRange(links.Select(l => new ArchiveItem(l.Path, ArchiveItemKind.Symlink, null, l.Target, SymlinkMode)));
        var directories = items.SelectMany(i => Parents(i.Path)).Distinct(StringComparer.Ordinal).ToList();
        items.AddRange(directories.Select(d => new ArchiveItem(d + "/", ArchiveItemKind.Directory, null, null, Executable)));
        items.Sort((a, b) => string.CompareOrdinal(a.Path.TrimEnd('/'), b.Path.TrimEnd('/')));
        return items;
    }

    /// <summary>Writes <paramref name="items"/> (in archive order) to <paramref name="archivePath"/> atomically.</summary>
    public static IReadOnlyList<ArchiveItem> Write(IReadOnlyList<ArchiveItem> items, string archivePath, ArchiveOptions options)
    {
        var mtime = DateTimeOffset.FromUnixTimeSeconds(options.Epoch);
        Tooling.Files.WriteAtomically(archivePath, output =>
        {
            using var gzip = new ParallelGzipStream(output, options.Level, maxParallel: options.MaxParallel, leaveOpen: true);
            using var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
            foreach (var item in items) WriteEntry(tar, item, mtime);
        }, options.FileMode);
        return items;
    }

    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.TrimEnd('/').LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            yield return path[..slash];
    }

    private static void Walk(DirectoryInfo dir, string root, string prefix, List<ArchiveItem> items)
    {
        foreach (var info in dir.EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
            var path = prefix.Length > 0 ? $"{prefix}/{relative}" : relative;
            if (info.LinkTarget is { } target)
                items.Add(new ArchiveItem(path, ArchiveItemKind.Symlink, null, target, SymlinkMode));
            else if (info is DirectoryInfo sub)
            {
                items.Add(new ArchiveItem(path + "/", ArchiveItemKind.Directory, null, null, Executable));
                Walk(sub, root, prefix, items);
            }
            else
                items.Add(new ArchiveItem(path, ArchiveItemKind.File, info.FullName, null,
                    (info.UnixFileMode & AnyExecute) != 0 ? Executable : Regular));
        }
    }

    private static void WriteEntry(TarWriter tar, ArchiveItem item, DateTimeOffset mtime)
    {
        var type = item.Kind switch
        {
            ArchiveItemKind.Directory => TarEntryType.Directory,
            ArchiveItemKind.Symlink => TarEntryType.SymbolicLink,
            _ => TarEntryType.RegularFile,
        };
        var entry = new UstarTarEntry(type, item.Path)
        {
            Mode = item.Mode, Uid = 0, Gid = 0, UserName = "root", GroupName = "root", ModificationTime = mtime,
        };
        if (item.LinkTarget is not null) entry.LinkName = item.LinkTarget;
        if (item.Source is null) { tar.WriteEntry(entry); return; }
        using var data = File.OpenRead(item.Source);
        entry.DataStream = data;
        tar.WriteEntry(entry);
    }
}
