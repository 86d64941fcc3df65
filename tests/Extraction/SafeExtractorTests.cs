using System.Formats.Tar;
using System.IO.Compression;
using EdgeBuild.Extraction;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Extraction;

[Trait("Tier", "Fast")]
public sealed class SafeExtractorTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), $"extract-{Guid.NewGuid():N}");
    private string Destination => Path.Combine(_temp, "box", "out");

    public SafeExtractorTests() => Directory.CreateDirectory(Path.Combine(_temp, "box"));

    /// <summary>Writes a .tar.gz whose entries are made by <paramref name="add"/>.</summary>
    private string TarGz(string name, Action<TarWriter> add)
    {
        var path = Path.Combine(_temp, name);
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
            add(writer);
        return path;
    }

    private static void AddFile(TarWriter writer, string name, string content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute };
        writer.WriteEntry(entry);
    }

    private static void AddLink(TarWriter writer, TarEntryType type, string name, string target) =>
        writer.WriteEntry(new PaxTarEntry(type, name) { LinkName = target });

    private async Task ShouldRefuse(string archive, string entryName, string why)
    {
        var error = await Should.ThrowAsync<UnsafeArchiveException>(() => SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None));
        error.Message.ShouldContain($"'{entryName}'");
        error.Message.ShouldContain(why);
        Directory.Exists(Destination).ShouldBeFalse();
        // Nothing was left beside the destination (no staging directory, no escaped file).
        Directory.GetFileSystemEntries(Path.Combine(_temp, "box")).ShouldBeEmpty();
        File.Exists(Path.Combine(_temp, "evil")).ShouldBeFalse();
    }

    [Fact(Timeout = 30000)]
    public async Task An_entry_with_dot_dot_is_refused_by_name()
    {
        var archive = TarGz("dotdot.tar.gz", w => { AddFile(w, "pkg/ok.txt", "ok"); AddFile(w, "pkg/../../evil", "x"); });
        await ShouldRefuse(archive, "pkg/../../evil", "..");
    }

    [Fact(Timeout = 30000)]
    public async Task An_absolute_entry_is_refused_by_name()
    {
        var target = Path.Combine(_temp, "evil");
        var archive = TarGz("absolute.tar.gz", w => AddFile(w, target, "x"));
        await ShouldRefuse(archive, target, "absolute path");
    }

    [Fact(Timeout = 30000)]
    public async Task A_symlink_pointing_outside_is_refused_by_name()
    {
        var archive = TarGz("symlink.tar.gz", w => { AddFile(w, "pkg/a", "a"); AddLink(w, TarEntryType.SymbolicLink, "pkg/escape", "../../evil"); });
        await ShouldRefuse(archive, "pkg/escape", "outside the tree");
    }

    [Fact(Timeout = 30000)]
    public async Task A_symlink_to_an_absolute_path_is_refused_by_name()
    {
        var archive = TarGz("symlink-abs.tar.gz", w => AddLink(w, TarEntryType.SymbolicLink, "pkg/passwd", "/etc/passwd"));
        await ShouldRefuse(archive, "pkg/passwd", "outside the tree");
    }

    [Fact(Timeout = 30000)]
    public async Task A_hard_link_pointing_outside_is_refused_by_name()
    {
        var archive = TarGz("hardlink.tar.gz", w => AddLink(w, TarEntryType.HardLink, "pkg/hard", "../evil"));
        await ShouldRefuse(archive, "pkg/hard", "outside the tree");
    }

    [Fact(Timeout = 30000)]
    public async Task A_device_node_is_refused_by_name()
    {
        var archive = TarGz("device.tar.gz", w => w.WriteEntry(new PaxTarEntry(TarEntryType.CharacterDevice, "pkg/null") { DeviceMajor = 1, DeviceMinor = 3 }));
        await ShouldRefuse(archive, "pkg/null", "device node");
    }

    [Fact(Timeout = 30000)]
    public async Task A_block_device_is_refused_by_name()
    {
        var archive = TarGz("block.tar.gz", w => w.WriteEntry(new PaxTarEntry(TarEntryType.BlockDevice, "pkg/sda") { DeviceMajor = 8, DeviceMinor = 0 }));
        await ShouldRefuse(archive, "pkg/sda", "device node");
    }

    [Fact(Timeout = 30000)]
    public async Task A_fifo_is_refused_by_name()
    {
        var archive = TarGz("fifo.tar.gz", w => w.WriteEntry(new PaxTarEntry(TarEntryType.Fifo, "pkg/pipe")));
        await ShouldRefuse(archive, "pkg/pipe", "fifo");
    }

    [Fact(Timeout = 30000)]
    public async Task A_zip_entry_with_dot_dot_is_refused_by_name()
    {
        var archive = Path.Combine(_temp, "evil.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
            using (var writer = new StreamWriter(zip.CreateEntry("../evil").Open())) writer.Write("x");
        await ShouldRefuse(archive, "../evil", "..");
    }

    [Fact(Timeout = 30000)]
    public async Task A_good_tar_gz_is_extracted_with_its_top_level_stripped_modes_and_inner_links_kept()
    {
        var archive = TarGz("good.tgz", w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "pkg-1.0/"));
            AddFile(w, "pkg-1.0/configure", "#!/bin/sh\n");
            AddFile(w, "pkg-1.0/sub/data.txt", "data");
            AddLink(w, TarEntryType.SymbolicLink, "pkg-1.0/sub/link", "data.txt");
            AddLink(w, TarEntryType.HardLink, "pkg-1.0/copy.txt", "pkg-1.0/sub/data.txt");
        });

        await SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None, stripTopLevel: true);

        File.ReadAllText(Path.Combine(Destination, "sub", "data.txt")).ShouldBe("data");
        File.ReadAllText(Path.Combine(Destination, "sub", "link")).ShouldBe("data");
        new FileInfo(Path.Combine(Destination, "sub", "link")).LinkTarget.ShouldBe("data.txt");
        File.ReadAllText(Path.Combine(Destination, "copy.txt")).ShouldBe("data");
        File.GetUnixFileMode(Path.Combine(Destination, "configure")).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue();
        Directory.GetFileSystemEntries(Path.Combine(_temp, "box")).ShouldBe([Destination]);
    }

    [Theory(Timeout = 60000)]
    [InlineData("bzip2", ".tar.bz2")]
    [InlineData("xz", ".tar.xz")]
    public async Task Bzip2_and_xz_tarballs_are_extracted(string compressor, string extension)
    {
        ProcessRunner.Which(compressor).ShouldNotBeNull($"{compressor} is needed for this test: apt-get install {(compressor == "xz" ? "xz-utils" : compressor)}");
        var tar = Path.Combine(_temp, "plain.tar");
        using (var file = File.Create(tar))
        using (var writer = new TarWriter(file, TarEntryFormat.Gnu))
            AddFile(writer, "pkg/hello.txt", "hello");
        await ProcessRunner.RunAsync(compressor, ["-f", tar]);
        var archive = Path.Combine(_temp, "plain" + extension);
        File.Move(tar + (compressor == "xz" ? ".xz" : ".bz2"), archive);

        await SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None);

        File.ReadAllText(Path.Combine(Destination, "pkg", "hello.txt")).ShouldBe("hello");
    }

    [Fact(Timeout = 30000)]
    public async Task A_good_zip_is_extracted()
    {
        var archive = Path.Combine(_temp, "good.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
            using (var writer = new StreamWriter(zip.CreateEntry("dir/file.txt").Open())) writer.Write("zipped");

        await SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None);

        File.ReadAllText(Path.Combine(Destination, "dir", "file.txt")).ShouldBe("zipped");
    }

    public void Dispose()
    {
        if (Directory.Exists(_temp)) Directory.Delete(_temp, recursive: true);
    }
}
