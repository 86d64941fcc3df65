using EdgeBuild.Tooling;

namespace EdgeBuild.Extraction;

/// <summary>
/// Writes one archive's entries, in archive order, into a staging tree: each against the real tree as the earlier
/// entries left it, never through a link, and within the archive's <see cref="ExtractionBudget"/>.
/// </summary>
public sealed class ArchiveTreeWriter(string archive, string staging, ExtractionBudget budget)
{
    private readonly ConfinedTree _tree = new(staging);

    /// <summary>The archive being written (for messages).</summary>
    public string Archive => archive;

    /// <summary>A directory entry.</summary>
    public void Directory(string name)
    {
        budget.CountEntry(name);
        _tree.PrepareParents(CheckName(name), archive, name, andSelf: true);
    }

    /// <summary>A regular file entry; <paramref name="mode"/> and <paramref name="modified"/> are applied when given.</summary>
    public async Task FileAsync(string name, Stream? data, UnixFileMode? mode, DateTime? modifiedUtc, CancellationToken ct)
    {
        budget.CountEntry(name);
        var path = PrepareEntry(name);
        await WriteNewAsync(name, path, data, ct);
        if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, m | UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Archive mtimes matter: autotools' make rules compare configure with configure.ac.
        if (modifiedUtc is { } t) File.SetLastWriteTimeUtc(path, t);
    }

    /// <summary>A symlink entry; its target (relative to the link's directory) must stay inside the tree through every link already there.</summary>
    public void Symlink(string name, string target)
    {
        budget.CountEntry(name);
        CheckTargetText(name, target);
        var path = PrepareEntry(name);
        var directory = Path.GetDirectoryName(CheckName(name).TrimEnd('/')) ?? "";
        if (_tree.Resolve(Path.Combine(directory, target)) is null)
            throw new UnsafeArchiveException($"{archive}: link entry '{name}' points to '{target}', outside the tree once earlier links are followed; refused.");
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>A hard link entry (written as a copy): its target must be a regular file extracted earlier inside the tree.</summary>
    public async Task HardLinkAsync(string name, string target, CancellationToken ct)
    {
        budget.CountEntry(name);
        CheckTargetText(name, target);
        var source = _tree.RegularFileAt(target)
            ?? throw new UnsafeArchiveException($"{archive}: hard link entry '{name}' points to '{target}', outside the tree or not a regular file extracted earlier inside it; refused.");
        var path = _tree.PrepareParents(CheckName(name), archive, name);
        if (path == source) return;
        RemoveExisting(name, path);
        await using var input = File.OpenRead(source);
        await WriteNewAsync(name, path, input, ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, File.GetUnixFileMode(source));
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(source));
    }

    /// <summary>Checks, once every entry is in, that no link leads outside <paramref name="root"/> (the staging tree or its stripped top level).</summary>
    public void VerifyLinks(string root) => new ConfinedTree(root).VerifyLinks(archive);

    private string PrepareEntry(string name)
    {
        var path = _tree.PrepareParents(CheckName(name), archive, name);
        RemoveExisting(name, path);
        return path;
    }

    // A later entry replaces an earlier file or link of the same name (as tar does), but never a directory.
    private void RemoveExisting(string name, string path)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Missing: break;
            case FileKind.Directory: throw new UnsafeArchiveException($"{archive}: entry '{name}' would replace a directory an earlier entry made; refused.");
            default: File.Delete(path); break;
        }
    }

    // CreateNew is O_CREAT|O_EXCL: it never follows a link, and the path was just cleared.
    private async Task WriteNewAsync(string name, string path, Stream? data, CancellationToken ct) =>
        await DiskFull.WritingAsync(path, async () =>
        {
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            if (data is not null) await budget.CopyAsync(name, data, output, ct);
        });

    /// <summary>The entry's name with '/' separators, refusing empty, absolute and '..' names.</summary>
    private string CheckName(string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (name.Length == 0) throw new UnsafeArchiveException($"{archive}: an entry has an empty name; refused.");
        if (name.StartsWith('/') || Path.IsPathRooted(name) || (name.Length > 1 && name[1] == ':'))
            throw new UnsafeArchiveException($"{archive}: entry '{entryName}' has an absolute path; refused.");
        if (name.Split('/').Contains(".."))
            throw new UnsafeArchiveException($"{archive}: entry '{entryName}' contains '..'; refused.");
        return name;
    }

    private void CheckTargetText(string name, string target)
    {
        if (string.IsNullOrEmpty(target)) throw new UnsafeArchiveException($"{archive}: link entry '{name}' has no target; refused.");
        if (target.StartsWith('/') || Path.IsPathRooted(target))
            throw new UnsafeArchiveException($"{archive}: link entry '{name}' points to absolute path '{target}', outside the tree; refused.");
    }
}
