using EdgeBuild.Fetching;
using EdgeBuild.Manifests;
using EdgeBuild.Pins;
using EdgeBuild.Recipes;
using EdgeBuild.Tests.Support;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

/// <summary>What names a kept build tree: every input of the recipe but busybox's config fragment.</summary>
[Trait("Tier", "Fast")]
public sealed class BuildTreeKeyTests : IDisposable
{
    private readonly RepositoryCopy _copy = new();
    private readonly TempDirectory _temp = new();

    /// <summary>The real data's context for <paramref name="component"/>, its compiler a wrapper reporting <paramref name="compilerVersion"/>.</summary>
    private RecipeContext Context(string component, string compilerVersion = "12.2.0")
    {
        var wrapper = _temp.Write($"bin-{compilerVersion}/cc", $"#!/bin/sh\necho {compilerVersion}\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        var toolchain = Toolchain.Load(_copy.Root / "toolchains" / "aarch64-linux-gnu.json");
        return new RecipeContext
        {
            Pin = PinSet.Load(_copy.Root / "targets" / "pins", _copy.Root / "targets" / "pins-bookworm.json")[component],
            Settings = ComponentSettings.LoadAll(_copy.Root / "targets" / "userland.json").Single(c => c.Name == component) with { Arch = "arm64" },
            Toolchain = toolchain with { Tools = toolchain.Tools with { Cc = wrapper } },
            Patches = new PatchSet(_copy.Root / "patches" / component),
            WorkDirectory = _copy.Root / "work",
            BoardArtifacts = _copy.Root / "artifacts",
            Fetcher = new SourceFetcher(_copy.Root / "downloads", null, offline: true),
            Manifest = new ArtifactManifest(_copy.Root / "artifacts"),
            Target = "Busybox",
        };
    }

    [Fact]
    public void A_config_fragment_change_keeps_the_busybox_tree_while_it_changes_the_input_hash()
    {
        var recipe = new Recipe("busybox");
        var (tree, input) = (recipe.TreeKey(Context("busybox")), recipe.InputHash(Context("busybox")));

        File.AppendAllText(_copy.Root / "patches" / "busybox" / KconfigFragment.FileName, "# CONFIG_CAL is not set\n");

        recipe.TreeKey(Context("busybox")).ShouldBe(tree);
        recipe.InputHash(Context("busybox")).ShouldNotBe(input);
    }

    [Fact]
    public void A_patch_or_another_compiler_version_names_a_new_busybox_tree()
    {
        var recipe = new Recipe("busybox");
        var tree = recipe.TreeKey(Context("busybox"));

        recipe.TreeKey(Context("busybox", compilerVersion: "13.1.0")).ShouldNotBe(tree);
        File.WriteAllText(_copy.Root / "patches" / "busybox" / "0001-test.patch", "Upstream: no\n");
        recipe.TreeKey(Context("busybox")).ShouldNotBe(tree);
    }

    [Fact]
    public void A_component_that_cannot_rebuild_in_place_is_named_by_its_whole_input_hash()
    {
        var recipe = new Recipe("iptables");

        recipe.TreeKey(Context("iptables")).ShouldBe(recipe.InputHash(Context("iptables")));
    }

    public void Dispose()
    {
        _copy.Dispose();
        _temp.Dispose();
    }
}
