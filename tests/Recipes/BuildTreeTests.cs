using EdgeBuild.Recipes;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

/// <summary>Which build tree a recipe run builds in: a kept tree only after its last build completed, every other tree removed.</summary>
[Trait("Tier", "Fast")]
public sealed class BuildTreeTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private AbsolutePath Work => AbsolutePath.Create(_temp["work"]);
    private const string Key = "0123456789abcdef0123456789abcdef";

    private BuildTree Tree(string key = Key, bool keep = true) => new(Work, "busybox", "1.35.0", key, keep);

    [Fact]
    public void A_kept_tree_whose_last_build_completed_is_reused_with_its_objects()
    {
        var first = Tree();
        first.Prepare().ShouldBeFalse();
        File.WriteAllText(first.Directory / "object.o", "built");
        first.Completed();

        Tree().Prepare().ShouldBeTrue();

        File.ReadAllText(first.Directory / "object.o").ShouldBe("built");
    }

    [Fact]
    public void A_tree_left_by_a_killed_or_failed_build_is_made_again_from_scratch()
    {
        var first = Tree();
        first.Prepare();
        first.Completed();
        Tree().Prepare().ShouldBeTrue();
        // This build was killed (or failed) before Completed: the tree may hold half-written objects.
        File.WriteAllText(first.Directory / "half.o", "half");

        Tree().Prepare().ShouldBeFalse();

        File.Exists(first.Directory / "half.o").ShouldBeFalse();
    }

    [Fact]
    public void A_tree_of_other_inputs_or_one_not_kept_is_never_reused_and_stale_trees_are_removed()
    {
        var other = Tree("fedcba9876543210fedcba9876543210");
        other.Prepare();
        other.Completed();
        var unkept = Tree(keep: false);

        unkept.Prepare().ShouldBeFalse();
        unkept.Completed();
        Tree(keep: false).Prepare().ShouldBeFalse();

        other.Directory.DirectoryExists().ShouldBeFalse();
        Directory.GetDirectories(Work).ShouldHaveSingleItem().ShouldBe((string)unkept.Directory);
    }

    public void Dispose() => _temp.Dispose();
}
