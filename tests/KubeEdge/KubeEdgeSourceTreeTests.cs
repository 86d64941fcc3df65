using EdgeBuild.Tests.Support;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>Resolving the tree from a release archive (GitHub's layout: one top folder) or a directory.</summary>
[Trait("Tier", "Fast")]
public class KubeEdgeSourceTreeTests
{
    private static readonly ArchiveExtractor Tar = async (archive, destination, ct) =>
        await ProcessRunner.RunAsync("tar", ["-xzf", archive, "-C", destination], cancellationToken: ct);

    [Fact(Timeout = 120000)]
    public async Task The_archive_is_unpacked_once_without_its_top_folder_and_again_when_it_changes()
    {
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir["upstream/kubeedge-1.9.1"], RuncVariant.Rc95, EdgedForm.EdgedConstants);
        var archive = dir["kubeedge-1.9.1.tar.gz"];
        await ProcessRunner.RunAsync("tar", ["-czf", archive, "-C", dir["upstream"], "kubeedge-1.9.1"]);
        var release = Repository.Catalog.Resolve("1.9.1");

        var first = await KubeEdgeSourceTree.ResolveAsync(null, _ => Task.FromResult(archive), dir["work"], release, Tar, CancellationToken.None);
        File.WriteAllText(Path.Combine(first.Root, "local-change"), "kept");
        var second = await KubeEdgeSourceTree.ResolveAsync(null, _ => Task.FromResult(archive), dir["work"], release, Tar, CancellationToken.None);
        var keptWhileTheArchiveIsTheSame = File.Exists(Path.Combine(second.Root, "local-change"));
        File.AppendAllText(dir["upstream/kubeedge-1.9.1/go.mod"], "\n");
        await ProcessRunner.RunAsync("tar", ["-czf", archive, "-C", dir["upstream"], "kubeedge-1.9.1"]);
        var third = await KubeEdgeSourceTree.ResolveAsync(null, _ => Task.FromResult(archive), dir["work"], release, Tar, CancellationToken.None);

        first.Root.ShouldBe(dir["work/kubeedge-1.9.1"]);
        File.Exists(Path.Combine(first.Root, KubeEdgeFixtureTree.UtilsGo)).ShouldBeTrue();
        keptWhileTheArchiveIsTheSame.ShouldBeTrue();
        File.Exists(Path.Combine(third.Root, "local-change")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_given_directory_wins_and_the_archive_is_not_asked_for()
    {
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir["src"], RuncVariant.Rc95, EdgedForm.EdgedConstants);

        var tree = await KubeEdgeSourceTree.ResolveAsync(dir["src"], _ => throw new InvalidOperationException("archive asked for"),
            dir["work"], Repository.Catalog.Resolve("1.9.1"), Tar, CancellationToken.None);

        tree.Root.ShouldBe(dir["src"]);
        KubeEdgeSourceTree.VendoredRunc(tree.Root).ShouldBe("v1.0.0-rc95");
    }
}
