using EdgeBuild.Tests.Extraction;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

/// <summary>A pinned source tarball that tries to escape (issue 10's archive, reached with a matching pin).</summary>
[Trait("Tier", "Integration")]
public sealed class HostileSourceTests
{
    [Fact(Timeout = 300000)]
    public async Task A_busybox_tarball_escaping_through_its_own_links_is_refused_and_leaves_no_work_tree()
    {
        // Arrange: the escape archive as busybox-1.35.0.tar.gz, pinned with its real sha256 and served from --sources-dir
        using var copy = new RepositoryCopy();
        var outside = Directory.CreateDirectory($"/eb-escape-{Guid.NewGuid():N}").FullName;
        try
        {
            var sources = (copy.Root / "hostile-sources").CreateDirectory();
            var thirty = string.Concat(Enumerable.Repeat("a/", 30));
            var archive = ArchiveFixture.TarGz(sources / "busybox-1.35.0.tar.gz", w =>
            {
                w.AddDirectory("busybox-1.35.0/");
                w.AddFile("busybox-1.35.0/payload.txt", "payload");
                w.AddSymlink("busybox-1.35.0/a", ".");
                w.AddSymlink($"busybox-1.35.0/{thirty}esc", string.Concat(Enumerable.Repeat("../", 30)) + outside.TrimStart('/'));
                w.AddHardLink("busybox-1.35.0/esc/x.txt", "busybox-1.35.0/payload.txt");
            });
            var pins = copy.Root / "hostile-pins.json";
            await File.WriteAllTextAsync(pins, $$"""
                { "busybox": { "version": "1.35.0", "files": [ { "fileName": "busybox-1.35.0.tar.gz", "sha256": "{{await FileHash.Sha256Async(archive)}}",
                  "hashSource": "computed by the test", "urls": ["https://busybox.net/downloads/busybox-1.35.0.tar.gz"] } ] } }
                """);

            // Act
            var (_, code, output) = await Task.Run(() => copy.Run("Busybox", "--profile", "bookworm", "--pins", pins, "--offline",
                "--sources-dir", sources, "--downloads-dir", copy.Root / "downloads", "--skip", "UserlandSources"));

            // Assert
            code.ShouldBe(1, output);
            output.ShouldContain("through the link 'busybox-1.35.0/a'");
            Directory.GetFileSystemEntries(outside).ShouldBeEmpty();
            var work = copy.Root / ".nuke" / "temp" / "work";
            (work.DirectoryExists() ? Directory.GetDirectories(work, "busybox-*", SearchOption.AllDirectories) : []).ShouldBeEmpty();
        }
        finally { Directory.Delete(outside, recursive: true); }
    }
}
