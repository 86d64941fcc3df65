using EdgeBuild.Engine;
using EdgeBuild.Recipes;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

[Trait("Tier", "Fast")]
public sealed class KconfigFragmentTests : IDisposable
{
    private readonly string _config = Path.GetTempFileName();

    [Fact]
    public void A_config_fragment_sets_and_unsets_symbols_in_place()
    {
        File.WriteAllLines(_config, ["CONFIG_DESKTOP=y", "# CONFIG_STATIC is not set", "CONFIG_TC=y", "CONFIG_LAST=y"]);

        KconfigFragment.Apply(_config, ["# why: static", "CONFIG_STATIC=y", "# CONFIG_TC is not set"], "config.fragment");

        File.ReadAllLines(_config).ShouldBe(["CONFIG_DESKTOP=y", "CONFIG_STATIC=y", "# CONFIG_TC is not set", "CONFIG_LAST=y"]);
    }

    [Fact]
    public void A_fragment_symbol_the_defconfig_does_not_have_fails_naming_it()
    {
        File.WriteAllLines(_config, ["CONFIG_DESKTOP=y"]);

        var error = Should.Throw<BuildException>(() => KconfigFragment.Apply(_config, ["CONFIG_NO_SUCH_THING=y"], "config.fragment"));

        error.Message.ShouldContain("CONFIG_NO_SUCH_THING");
        error.Message.ShouldContain("config.fragment");
    }

    public void Dispose() => File.Delete(_config);
}
