using EdgeBuild.Engine;
using EdgeBuild.Extraction;
using EdgeBuild.Recipes;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Recipes;

/// <summary>busybox's config.fragment through the one Kconfig fragment merge the kernel uses too.</summary>
public sealed class KconfigFragmentTests
{
    [Fact]
    [Trait("Tier", "Fast")]
    public void A_config_fragment_sets_and_unsets_symbols_in_place()
    {
        using var dir = new TempDirectory();
        var config = dir.Write(".config", "CONFIG_DESKTOP=y\n# CONFIG_STATIC is not set\nCONFIG_TC=y\nCONFIG_LAST=y\n");
        var fragment = dir.Write(KconfigFragment.FileName, "# why: static\nCONFIG_STATIC=y\n# CONFIG_TC is not set\n");

        KconfigFragment.Apply(config, fragment);

        File.ReadAllLines(config).ShouldBe(["CONFIG_DESKTOP=y", "CONFIG_STATIC=y", "# CONFIG_TC is not set", "CONFIG_LAST=y"]);
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void A_fragment_symbol_the_defconfig_does_not_have_fails_naming_it_and_the_fragment()
    {
        using var dir = new TempDirectory();
        var config = dir.Write(".config", "CONFIG_DESKTOP=y\n");
        var fragment = dir.Write(KconfigFragment.FileName, "CONFIG_NO_SUCH_THING=y\n");

        var error = Should.Throw<BuildException>(() => KconfigFragment.Apply(config, fragment));

        error.Message.ShouldContain("CONFIG_NO_SUCH_THING");
        error.Message.ShouldContain(fragment);
        File.ReadAllText(config).ShouldBe("CONFIG_DESKTOP=y\n");
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task The_busybox_fragment_merges_into_the_real_defconfig_and_oldconfig_keeps_it()
    {
        // Arrange: the pinned busybox source (Debian's .orig bytes) and its own `make defconfig`.
        var sources = await DebianSources.EnsureBookwormAsync(RepositoryRoot.Absolute);
        using var dir = new TempDirectory();
        var tarball = Directory.GetFiles(sources, "busybox-*.tar.*").Single();
        await SafeExtractor.ExtractAsync(tarball, dir["src"], CancellationToken.None, stripTopLevel: true);
        await Make(dir["src"], "defconfig");
        var config = dir["src/.config"];
        File.ReadAllText(config).ShouldContain("# CONFIG_STATIC is not set");

        // Act
        KconfigFragment.Apply(config, RepositoryRoot.Absolute / "patches" / "busybox" / KconfigFragment.FileName);
        await Make(dir["src"], "oldconfig", input: new string('\n', 2000));

        // Assert: the fragment's lines replaced defconfig's, once each, and survived oldconfig.
        var lines = File.ReadAllLines(config);
        lines.Count(l => l == "CONFIG_STATIC=y").ShouldBe(1);
        lines.Count(l => l == "# CONFIG_TC is not set").ShouldBe(1);
        lines.ShouldNotContain("CONFIG_TC=y");
        lines.ShouldNotContain("# CONFIG_STATIC is not set");
    }

    private static Task Make(string directory, string goal, string? input = null) =>
        ProcessRunner.RunAsync("make", [goal], new ProcessOptions { WorkingDirectory = directory, StandardInput = input, CaptureOutput = true });
}
