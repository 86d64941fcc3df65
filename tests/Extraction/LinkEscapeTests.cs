using EdgeBuild.Extraction;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Extraction;

/// <summary>The escapes of issue 10 item 1: links that are inside as text but lead outside through earlier links.</summary>
[Trait("Tier", "Fast")]
public sealed class LinkEscapeTests : IDisposable
{
    private static readonly string Thirty = string.Concat(Enumerable.Repeat("a/", 30));
    private static readonly string ThirtyUp = string.Concat(Enumerable.Repeat("../", 30));
    private readonly TempDirectory _dir = new();
    // Where the attack's 30 "../" really lead from any extraction directory: the file system root.
    private readonly string _outside = $"/eb-escape-{Guid.NewGuid():N}";

    public LinkEscapeTests() => Directory.CreateDirectory(_outside);

    private string Box => _dir["box"];
    private string Destination => Path.Combine(Box, "out");

    [Fact(Timeout = 30000)]
    public async Task A_link_through_an_earlier_dot_link_cannot_carry_a_hard_link_copy_outside()
    {
        // Arrange: the exact archive of the issue
        var archive = ArchiveFixture.TarGz(_dir["attack.tar.gz"], w =>
        {
            w.AddDirectory("pkg/");
            w.AddFile("pkg/payload.txt", "payload");
            w.AddSymlink("pkg/a", ".");
            w.AddSymlink($"pkg/{Thirty}esc", ThirtyUp + _outside.TrimStart('/'));
            w.AddHardLink("pkg/esc/x.txt", "pkg/payload.txt");
        });

        // Act
        var error = await Should.ThrowAsync<UnsafeArchiveException>(() => SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None));

        // Assert: refused naming the entry that goes through the link, nothing written outside, nothing left behind
        error.Message.ShouldContain($"'pkg/{Thirty}esc'");
        error.Message.ShouldContain("through the link 'pkg/a'");
        Directory.GetFileSystemEntries(_outside).ShouldBeEmpty();
        (Directory.Exists(Box) ? Directory.GetFileSystemEntries(Box) : []).ShouldBeEmpty();
    }

    [Fact(Timeout = 30000)]
    public async Task A_licence_link_through_a_dot_link_loop_is_refused_when_unpacking()
    {
        // Arrange: LICENSE -> a/a/.../../../etc/hostname: inside as text, /etc/hostname once pkg/a -> . is followed
        var archive = ArchiveFixture.TarGz(_dir["licence.tar.gz"], w =>
        {
            w.AddDirectory("pkg/");
            w.AddSymlink("pkg/a", ".");
            w.AddSymlink("pkg/LICENSE", Thirty + ThirtyUp + "../etc/hostname");
        });

        // Act
        var error = await Should.ThrowAsync<UnsafeArchiveException>(() => SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None, stripTopLevel: true));

        // Assert
        error.Message.ShouldContain("'pkg/LICENSE'");
        error.Message.ShouldContain("outside the tree");
        Directory.Exists(Destination).ShouldBeFalse();
    }

    [Fact]
    public void Reading_a_licence_through_a_dot_link_loop_out_of_a_tree_on_disk_is_refused()
    {
        // Arrange: the same layout made directly on disk (a --kubeedge-source tree, or one unpacked by an older build)
        var tree = Directory.CreateDirectory(_dir["tree"]).FullName;
        File.CreateSymbolicLink(Path.Combine(tree, "a"), ".");
        File.CreateSymbolicLink(Path.Combine(tree, "LICENSE"), Thirty + ThirtyUp + "etc/passwd");
        File.Exists(Path.Combine(tree, "LICENSE")).ShouldBeTrue("the operating system follows the link to /etc/passwd");

        // Act
        var error = Should.Throw<UnsafeArchiveException>(() => new ConfinedTree(tree).OpenRead("LICENSE", "Licence file").Dispose());

        // Assert
        error.Message.ShouldContain(Path.Combine(tree, "LICENSE"));
        error.Message.ShouldContain("outside");
    }

    [Fact(Timeout = 30000)]
    public async Task A_link_that_leaves_the_stripped_top_level_is_refused()
    {
        // Arrange: pkg/up -> ../secret is inside the archive, but outside the tree kept once pkg/ is stripped
        var archive = ArchiveFixture.TarGz(_dir["strip.tar.gz"], w =>
        {
            w.AddDirectory("pkg/");
            w.AddSymlink("pkg/up", "../secret");
        });

        // Act
        var error = await Should.ThrowAsync<UnsafeArchiveException>(() => SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None, stripTopLevel: true));

        // Assert
        error.Message.ShouldContain("'up'");
        Directory.Exists(Destination).ShouldBeFalse();
    }

    [Fact(Timeout = 30000)]
    public async Task A_link_that_a_later_link_turns_outward_is_refused()
    {
        // Arrange: m -> top/../x is fine while top is missing; top -> . then makes it lead to the root's parent
        var archive = ArchiveFixture.TarGz(_dir["later.tar.gz"], w =>
        {
            w.AddSymlink("m", "top/../x");
            w.AddSymlink("top", ".");
        });

        // Act
        var error = await Should.ThrowAsync<UnsafeArchiveException>(() => SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None));

        // Assert
        error.Message.ShouldContain("'m'");
        Directory.Exists(Destination).ShouldBeFalse();
    }

    [Fact(Timeout = 30000)]
    public async Task A_hard_link_to_a_symlink_is_refused()
    {
        var archive = ArchiveFixture.TarGz(_dir["hard-to-link.tar.gz"], w =>
        {
            w.AddSymlink("pkg/l", "f");
            w.AddFile("pkg/f", "f");
            w.AddHardLink("pkg/h", "pkg/l");
        });

        var error = await Should.ThrowAsync<UnsafeArchiveException>(() => SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None));

        error.Message.ShouldContain("'pkg/h'");
        error.Message.ShouldContain("not a regular file");
    }

    [Fact(Timeout = 30000)]
    public async Task Links_that_stay_inside_through_other_links_are_kept()
    {
        // Arrange: a chain of links that ends inside, and a later file replacing an earlier link of the same name
        var archive = ArchiveFixture.TarGz(_dir["fine.tar.gz"], w =>
        {
            w.AddFile("pkg/lib/real.txt", "real");
            w.AddSymlink("pkg/current", "lib");
            w.AddSymlink("pkg/alias", "current/real.txt");
            w.AddSymlink("pkg/replaced", "lib/real.txt");
            w.AddFile("pkg/replaced", "plain");
        });

        // Act
        await SafeExtractor.ExtractAsync(archive, Destination, CancellationToken.None, stripTopLevel: true);

        // Assert
        File.ReadAllText(Path.Combine(Destination, "alias")).ShouldBe("real");
        new FileInfo(Path.Combine(Destination, "replaced")).LinkTarget.ShouldBeNull();
        File.ReadAllText(Path.Combine(Destination, "replaced")).ShouldBe("plain");
    }

    public void Dispose()
    {
        Directory.Delete(_outside, recursive: true);
        _dir.Dispose();
    }
}
