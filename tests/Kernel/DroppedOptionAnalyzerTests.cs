using EdgeBuild.Kernel;
using EdgeBuild.Kernel.Kconfig;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Kernel;

[Trait("Tier", "Fast")]
public class DroppedOptionAnalyzerTests
{
    private static readonly KconfigTree Tree = new(new Dictionary<string, IReadOnlyList<KconfigDefinition>>
    {
        ["NET"] = [new("NET", "bool", true, null, null, null, "net/Kconfig:1")],
        ["CRC32"] = [new("CRC32", "tristate", false, null, null, null, "lib/Kconfig:2")],
        ["VETH"] = [new("VETH", "tristate", true, KconfigExprParser.Parse("NET"), null, null, "drivers/net/Kconfig:3")],
        ["DEBUG_NET"] = [new("DEBUG_NET", "bool", true, null, KconfigExprParser.Parse("EXPERT"), null, "net/Kconfig:4")],
        ["EXPERT"] = [new("EXPERT", "bool", true, null, null, null, "init/Kconfig:5")],
    }, new Dictionary<string, IReadOnlyList<KconfigSelect>>
    {
        ["CRC32"] = [new("VETH", "CRC32", null, false, "drivers/net/Kconfig:3")],
    });

    [Fact]
    public void An_option_without_prompt_names_who_selects_it()
    {
        var dropped = Analyze("CONFIG_NET=y\nCONFIG_CRC32=y\n", "CONFIG_NET=y\n");

        var crc = dropped.Single();
        crc.Reason.ShouldBe(DropReason.NoPrompt);
        crc.Details.ShouldBe(["selected by VETH [=n] (drivers/net/Kconfig:3)"]);
        crc.ToAdd.ShouldBe(["CONFIG_VETH=y"]);
    }

    [Fact]
    public void An_option_asked_off_but_selected_names_the_selector()
    {
        var dropped = Analyze("# CONFIG_CRC32 is not set\n", "CONFIG_NET=y\nCONFIG_VETH=y\nCONFIG_CRC32=y\n");

        dropped.Single().Reason.ShouldBe(DropReason.Forced);
        dropped.Single().Details.ShouldBe(["selected by VETH [=y] (drivers/net/Kconfig:3)"]);
    }

    [Fact]
    public void A_hidden_prompt_names_its_condition_and_a_module_request_is_met_by_y()
    {
        var dropped = Analyze("CONFIG_DEBUG_NET=y\nCONFIG_VETH=m\n", "CONFIG_NET=y\nCONFIG_VETH=y\n");

        var debug = dropped.Single();
        debug.Reason.ShouldBe(DropReason.PromptHidden);
        debug.Unmet.ShouldBe(["EXPERT=n"]);
        debug.ToAdd.ShouldBe(["CONFIG_EXPERT=y"]);
    }

    [Fact]
    public void A_y_request_that_ended_as_m_is_reported_with_the_m_dependency()
    {
        var dropped = Analyze("CONFIG_VETH=y\n", "CONFIG_NET=m\nCONFIG_VETH=m\n");

        var veth = dropped.Single();
        veth.Reason.ShouldBe(DropReason.UnmetDependency);
        veth.Actual.ShouldBe("m");
        veth.Details.ShouldBe(["depends on NET [=m]  (drivers/net/Kconfig:3)"]);
        veth.ToAdd.ShouldBe(["CONFIG_NET=y"]);
    }

    private static IReadOnlyList<DroppedOption> Analyze(string fragment, string result)
    {
        using var temp = KernelTestData.NewTemp();
        File.WriteAllText(temp["f.config"], fragment);
        return new DroppedOptionAnalyzer(Tree).Analyze(ConfigFragment.Load(temp["f.config"]), KernelConfig.Parse(result, "result"));
    }
}
