using System.Formats.Tar;
using SharpCompress.Compressors;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using SharpCompress.Readers;
using SharpCompress.Readers.Zip;
using EdgeBuild.Reporting;

namespace EdgeBuild.Extraction;

/// <summary>An archive entry refused by <see cref="SafeExtractor"/>; names the archive, the entry and why.</summary>
public sealed class UnsafeArchiveException(string message) : BuildException(message);

/// <summary>
/// Unpacks tar.gz, tgz, tar.bz2, tar.xz and zip into a directory, confined to it: entries are written in archive order
/// against the real tree (never through a link), links must stay inside after full resolution, hard links copy only
/// regular files already extracted, device nodes and fifos are refused, and bytes and entries are capped
/// (<see cref="ExtractionLimits"/>). Everything lands in a staging directory first, renamed into place only when the
/// whole archive was accepted, and removed on every failure.
/// </summary>
public static class SafeExtractor
{
    /// <summary>Extracts <paramref name="archive"/> to <paramref name="destinationDir"/> (which must not exist yet, or is replaced).</summary>
    /// <param name="stripTopLevel">Drop the single top-level directory every entry sits in (busybox-1.37.0/...).</param>
    /// <param name="limits">Bytes and entries allowed; <see cref="ExtractionLimits.Default"/> when null.</param>
    public static async Task ExtractAsync(string archive, string destinationDir, CancellationToken ct, bool stripTopLevel = false, ExtractionLimits? limits = null)
    {
        var destination = Path.GetFullPath(destinationDir);
        var staging = $"{destination}.extract-{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            var writer = new ArchiveTreeWriter(archive, staging, new ExtractionBudget(archive, limits ?? ExtractionLimits.Default));
            var name = Path.GetFileName(archive).ToLowerInvariant();
            if (name.EndsWith(".zip", StringComparison.Ordinal)) await ExtractZipAsync(archive, writer, ct);
            else if (Compression(name) is "bzip2" or "xz" && await NativeDecompression.TryDecompressAsync(archive, Compression(name)!, $"{staging}.tar", limits ?? ExtractionLimits.Default, ct))
                await ExtractTarAsync(File.OpenRead($"{staging}.tar"), writer, ct);
            else await ExtractTarAsync(OpenDecompressed(archive, name), writer, ct);
            var root = stripTopLevel ? SingleTopLevel(archive, staging) : staging;
            // Links are judged against the tree that will be kept: a stripped top level is a smaller tree.
            writer.VerifyLinks(root);
            if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            Directory.Move(root, destination);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            File.Delete($"{staging}.tar");
        }
    }

    // The host's bzip2/xz when installed (NativeDecompression), else SharpCompress; gzip: the BCL's (SharpCompress
    // 0.50's GZipStream failed its CRC check on valid gzip written by .NET here). System.Formats.Tar reads the headers,
    // because SharpCompress hides an entry's type, which is needed to refuse device nodes and fifos.
    private static Stream OpenDecompressed(string archive, string name)
    {
        var file = File.OpenRead(archive);
        switch (Compression(name))
        {
            case "gzip": return new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
            case "bzip2": return BZip2Stream.Create(file, CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: false, tolerateTruncatedStream: false);
            case "xz": return new XZStream(file);
            case "none": return file;
        }
        file.Dispose();
        throw new BuildException($"{archive}: unknown archive type; supported: .tar.gz, .tgz, .tar.bz2, .tar.xz, .tar, .zip.");
    }

    /// <summary>How a tarball named <paramref name="name"/> (lower case) is compressed: gzip, bzip2, xz, none, or null when it is no tarball.</summary>
    private static string? Compression(string name) =>
        name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal) ? "gzip"
        : name.EndsWith(".tar.bz2", StringComparison.Ordinal) || name.EndsWith(".tbz2", StringComparison.Ordinal) ? "bzip2"
        : name.EndsWith(".tar.xz", StringComparison.Ordinal) || name.EndsWith(".txz", StringComparison.Ordinal) ? "xz"
        : name.EndsWith(".tar", StringComparison.Ordinal) ? "none" : null;

    private static async Task ExtractTarAsync(Stream stream, ArchiveTreeWriter writer, CancellationToken ct)
    {
        await using (stream)
        {
            using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
                switch (entry.EntryType)
                {
                    case TarEntryType.GlobalExtendedAttributes:
                        break;
                    case TarEntryType.Directory:
                        writer.Directory(entry.Name);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        await writer.FileAsync(entry.Name, entry.DataStream, (UnixFileMode)((int)entry.Mode & 0x1FF), entry.ModificationTime.UtcDateTime, ct);
                        break;
                    case TarEntryType.SymbolicLink:
                        writer.Symlink(entry.Name, entry.LinkName);
                        break;
                    case TarEntryType.HardLink:
                        await writer.HardLinkAsync(entry.Name, entry.LinkName, ct);
                        break;
                    case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                        throw new UnsafeArchiveException($"{writer.Archive}: entry '{entry.Name}' is a device node; refused.");
                    case TarEntryType.Fifo:
                        throw new UnsafeArchiveException($"{writer.Archive}: entry '{entry.Name}' is a fifo; refused.");
                    default:
                        throw new UnsafeArchiveException($"{writer.Archive}: entry '{entry.Name}' has unsupported type {entry.EntryType}; refused.");
                }
        }
    }

    private static async Task ExtractZipAsync(string archive, ArchiveTreeWriter writer, CancellationToken ct)
    {
        using var file = File.OpenRead(archive);
        using var reader = ZipReader.OpenReader(file, new ReaderOptions());
        while (reader.MoveToNextEntry())
        {
            ct.ThrowIfCancellationRequested();
            var entry = reader.Entry;
            var name = entry.Key ?? "";
            // Zips made on Unix carry st_mode in the high 16 bits of the external attributes.
            var type = ((entry.Attrib ?? 0) >> 16) & 0xF000;
            if (type is 0x2000 or 0x6000) throw new UnsafeArchiveException($"{archive}: entry '{name}' is a device node; refused.");
            if (type == 0x1000) throw new UnsafeArchiveException($"{archive}: entry '{name}' is a fifo; refused.");
            if (entry.IsDirectory) { writer.Directory(name); continue; }
            await using var data = reader.OpenEntryStream();
            if (type == 0xA000)
            {
                using var target = new StreamReader(data);
                writer.Symlink(name, await target.ReadToEndAsync(ct));
                continue;
            }
            await writer.FileAsync(name, data, null, entry.LastModifiedTime?.ToUniversalTime(), ct);
        }
    }

    private static string SingleTopLevel(string archive, string staging)
    {
        var entries = Directory.GetFileSystemEntries(staging);
        if (entries.Length != 1 || FileKinds.Of(entries[0]) != FileKind.Directory)
            throw new BuildException($"{archive}: expected one top-level directory to strip, found {entries.Length} entries ({string.Join(", ", entries.Take(5).Select(Path.GetFileName))}).");
        return entries[0];
    }
}
