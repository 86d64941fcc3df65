using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace EdgeBuild.Tests.Extraction;

/// <summary>Writes small tar.gz archives entry by entry, as a hostile packer could.</summary>
public static class ArchiveFixture
{
    /// <summary>Writes <paramref name="path"/> with the entries <paramref name="add"/> makes; returns the path.</summary>
    public static string TarGz(string path, Action<TarWriter> add)
    {
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
            add(writer);
        return path;
    }

    /// <summary>A regular file entry.</summary>
    public static void AddFile(this TarWriter writer, string name, string content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = (UnixFileMode)0b110_100_100 });

    /// <summary>A directory entry.</summary>
    public static void AddDirectory(this TarWriter writer, string name) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101 });

    /// <summary>A symlink entry.</summary>
    public static void AddSymlink(this TarWriter writer, string name, string target) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });

    /// <summary>A hard link entry (target relative to the archive root).</summary>
    public static void AddHardLink(this TarWriter writer, string name, string target) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });
}
