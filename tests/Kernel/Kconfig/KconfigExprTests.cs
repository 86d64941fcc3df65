using EdgeBuild.Engine;
using EdgeBuild.Kernel.Kconfig;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Kernel.Kconfig;

[Trait("Tier", "Fast")]
public class KconfigExprTests
{
    internal sealed class Values(Dictionary<string, string> map) : ISymbolValues
    {
        public string? ValueOf(string symbol) => map.TryGetValue(symbol, out var v) ? v : null;
    }

    internal static readonly Values Config = new(new()
    {
        ["NET"] = "y", ["INET"] = "n", ["IPV6"] = "m", ["MODULES"] = "y", ["HZ"] = "250", ["ARCH_NAME"] = "arm64",
    });

    [Theory]
    [InlineData("NET", 2)]
    [InlineData("INET", 0)]
    [InlineData("IPV6", 1)]
    [InlineData("!IPV6", 1)]
    [InlineData("!INET", 2)]
    [InlineData("NET && IPV6", 1)]
    [InlineData("INET || IPV6", 1)]
    [InlineData("NET && (INET || !IPV6)", 1)]
    [InlineData("NET && INET || NET", 2)]
    [InlineData("!(NET && INET)", 2)]
    [InlineData("IPV6 = m", 2)]
    [InlineData("IPV6 != m", 0)]
    [InlineData("INET = n", 2)]
    [InlineData("UNDEFINED_SYMBOL", 0)]
    [InlineData("HZ >= 100", 2)]
    [InlineData("HZ < 100", 0)]
    [InlineData("ARCH_NAME = \"arm64\"", 2)]
    [InlineData("m", 1)]
    [InlineData("y && NET", 2)]
    [InlineData("$(cc-option,-mfoo) && NET", 2)]
    public void Expressions_evaluate_to_kconfig_tristates(string expression, int expected)
    {
        var expr = KconfigExprParser.Parse(expression);

        expr.Evaluate(Config).ShouldBe(expected);
    }

    [Fact]
    public void The_m_constant_is_n_without_module_support()
    {
        var noModules = new Values(new() { ["MODULES"] = "n" });

        KconfigExprParser.Parse("m").Evaluate(noModules).ShouldBe(0);
    }

    [Fact]
    public void Rendering_shows_each_symbols_value()
    {
        var text = KconfigExprParser.Parse("NET && (INET || !IPV6)").Render(Config);

        text.ShouldBe("NET [=y] && (INET [=n] || !IPV6 [=m])");
    }

    [Theory]
    [InlineData("NET &&")]
    [InlineData("(NET")]
    [InlineData("NET INET")]
    public void Malformed_expressions_fail_naming_where(string expression)
    {
        var error = Should.Throw<BuildException>(() => KconfigExprParser.Parse(expression, "drivers/x/Kconfig:7"));

        error.Message.ShouldContain("drivers/x/Kconfig:7");
    }
}
