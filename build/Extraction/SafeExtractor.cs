using System.Formats.Tar;
using EdgeBuild.Engine;
using SharpCompress.Compressors;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using SharpCompress.Readers;
using SharpCompress.Readers.Zip;

namespace EdgeBuild.Extraction;

/// <summary>An archive entry refused by <see cref="SafeExtractor"/>; names the archive, the entry and why.</summary>
public sealed class UnsafeArchiveException(string message) : BuildException(message);

/// <summary>
/// Unpacks tar.gz, tgz, tar.bz2, tar.xz and zip into a directory, refusing entries that would write outside it
/// (.., absolute paths, links pointing outside) and device nodes or fifos. Everything lands in a temp directory
/// first and is renamed into place only when the whole archive was accepted.
/// </summary>
public static class SafeExtractor
{
    /// <summary>Extracts <paramref name="archive"/> to <paramref name="destinationDir"/> (which must not exist yet, or is replaced).</summary>
    /// <param name="stripTopLevel">Drop the single top-level directory every entry sits in (busybox-1.37.0/...).</param>
    public static async Task ExtractAsync(string archive, string destinationDir, CancellationToken ct, bool stripTopLevel = false)
    {
        var destination = Path.GetFullPath(destinationDir);
        var staging = $"{destination}.extract-{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            var name = Path.GetFileName(archive).ToLowerInvariant();
            if (name.EndsWith(".zip", StringComparison.Ordinal)) ExtractZip(archive, staging, ct);
            else await ExtractTarAsync(archive, OpenDecompressed(archive, name), staging, ct);
            var root = stripTopLevel ? SingleTopLevel(archive, staging) : staging;
            if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            Directory.Move(root, destination);
        }
        finally { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); }
    }

    // SharpCompress decompresses bzip2 and xz (gzip: the BCL's; SharpCompress 0.50's GZipStream failed its CRC check
    // on valid gzip written by .NET here); System.Formats.Tar reads the headers, because SharpCompress hides an entry's type, which is
    // needed to refuse device nodes and fifos.
    private static Stream OpenDecompressed(string archive, string name)
    {
        var file = File.OpenRead(archive);
        if (name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal))
            return new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        if (name.EndsWith(".tar.bz2", StringComparison.Ordinal) || name.EndsWith(".tbz2", StringComparison.Ordinal))
            return BZip2Stream.Create(file, CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: false, tolerateTruncatedStream: false);
        if (name.EndsWith(".tar.xz", StringComparison.Ordinal) || name.EndsWith(".txz", StringComparison.Ordinal))
            return new XZStream(file);
        if (name.EndsWith(".tar", StringComparison.Ordinal)) return file;
        file.Dispose();
        throw new BuildException($"{archive}: unknown archive type; supported: .tar.gz, .tgz, .tar.bz2, .tar.xz, .tar, .zip.");
    }

    private static async Task ExtractTarAsync(string archive, Stream stream, string staging, CancellationToken ct)
    {
        await using (stream)
        {
            using var reader = new TarReader(stream);
            var links = new List<(string Path, string Target, bool Hard)>();
            while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes) continue;
                var path = Resolve(archive, staging, entry.Name);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(path);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        await using (var output = new FileStream(path, FileMode.Create, FileAccess.Write))
                            if (entry.DataStream is { } data) await data.CopyToAsync(output, ct);
                        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)((int)entry.Mode & 0x1FF) | UnixFileMode.UserRead | UnixFileMode.UserWrite);
                        // Archive mtimes matter: autotools' make rules compare configure with configure.ac.
                        File.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
                        break;
                    case TarEntryType.SymbolicLink:
                        CheckLinkTarget(archive, staging, entry.Name, path, entry.LinkName, hard: false);
                        links.Add((path, entry.LinkName, false));
                        break;
                    case TarEntryType.HardLink:
                        CheckLinkTarget(archive, staging, entry.Name, path, entry.LinkName, hard: true);
                        links.Add((path, entry.LinkName, true));
                        break;
                    case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                        throw new UnsafeArchiveException($"{archive}: entry '{entry.Name}' is a device node; refused.");
                    case TarEntryType.Fifo:
                        throw new UnsafeArchiveException($"{archive}: entry '{entry.Name}' is a fifo; refused.");
                    default:
                        throw new UnsafeArchiveException($"{archive}: entry '{entry.Name}' has unsupported type {entry.EntryType}; refused.");
                }
            }
            // Links last, so a link can never redirect a later entry's write.
            foreach (var (path, target, hard) in links)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (hard) File.Copy(Resolve(archive, staging, target), path, overwrite: true);
                else File.CreateSymbolicLink(path, target);
            }
        }
    }

    private static void ExtractZip(string archive, string staging, CancellationToken ct)
    {
        using var file = File.OpenRead(archive);
        using var reader = ZipReader.OpenReader(file, new ReaderOptions());
        var links = new List<(string Path, string Target)>();
        while (reader.MoveToNextEntry())
        {
            ct.ThrowIfCancellationRequested();
            var entry = reader.Entry;
            var path = Resolve(archive, staging, entry.Key ?? "");
            // Zips made on Unix carry st_mode in the high 16 bits of the external attributes.
            var type = ((entry.Attrib ?? 0) >> 16) & 0xF000;
            if (type is 0x2000 or 0x6000) throw new UnsafeArchiveException($"{archive}: entry '{entry.Key}' is a device node; refused.");
            if (type == 0x1000) throw new UnsafeArchiveException($"{archive}: entry '{entry.Key}' is a fifo; refused.");
            if (entry.IsDirectory) { Directory.CreateDirectory(path); continue; }
            if (type == 0xA000)
            {
                using var target = new StreamReader(reader.OpenEntryStream());
                var linkTarget = target.ReadToEnd();
                CheckLinkTarget(archive, staging, entry.Key!, path, linkTarget, hard: false);
                links.Add((path, linkTarget));
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var output = new FileStream(path, FileMode.Create, FileAccess.Write)) reader.WriteEntryTo(output);
            if (entry.LastModifiedTime is { } modified) File.SetLastWriteTime(path, modified);
        }
        foreach (var (path, target) in links)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.CreateSymbolicLink(path, target);
        }
    }

    /// <summary>The full path of an entry inside <paramref name="root"/>, refusing absolute names and any escape.</summary>
    private static string Resolve(string archive, string root, string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (name.Length == 0) throw new UnsafeArchiveException($"{archive}: an entry has an empty name; refused.");
        if (name.StartsWith('/') || Path.IsPathRooted(name) || (name.Length > 1 && name[1] == ':'))
            throw new UnsafeArchiveException($"{archive}: entry '{entryName}' has an absolute path; refused.");
        if (name.Split('/').Contains(".."))
            throw new UnsafeArchiveException($"{archive}: entry '{entryName}' contains '..'; refused.");
        var full = Path.GetFullPath(Path.Combine(root, name));
        if (!IsInside(root, full))
            throw new UnsafeArchiveException($"{archive}: entry '{entryName}' would be written outside the target directory; refused.");
        return full;
    }

    private static void CheckLinkTarget(string archive, string root, string entryName, string linkPath, string target, bool hard)
    {
        if (string.IsNullOrEmpty(target)) throw new UnsafeArchiveException($"{archive}: link entry '{entryName}' has no target; refused.");
        if (target.StartsWith('/') || Path.IsPathRooted(target))
            throw new UnsafeArchiveException($"{archive}: link entry '{entryName}' points to absolute path '{target}', outside the tree; refused.");
        // Symlink targets are relative to the link's directory; hard-link targets to the archive root.
        var resolved = Path.GetFullPath(Path.Combine(hard ? root : Path.GetDirectoryName(linkPath)!, target));
        if (!IsInside(root, resolved))
            throw new UnsafeArchiveException($"{archive}: link entry '{entryName}' points to '{target}', outside the tree; refused.");
    }

    private static bool IsInside(string root, string full)
    {
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) || full == prefix.TrimEnd(Path.DirectorySeparatorChar);
    }

    private static string SingleTopLevel(string archive, string staging)
    {
        var entries = Directory.GetFileSystemEntries(staging);
        if (entries.Length != 1 || !Directory.Exists(entries[0]))
            throw new BuildException($"{archive}: expected one top-level directory to strip, found {entries.Length} entries ({string.Join(", ", entries.Take(5).Select(Path.GetFileName))}).");
        return entries[0];
    }
}
