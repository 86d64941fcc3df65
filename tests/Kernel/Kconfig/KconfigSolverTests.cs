using EdgeBuild.Kernel.Kconfig;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Kernel.Kconfig;

[Trait("Tier", "Fast")]
public class KconfigSolverTests
{
    [Fact]
    public void The_solver_names_the_unmet_symbols_and_the_cheaper_alternative()
    {
        var tree = new KconfigTree(new Dictionary<string, IReadOnlyList<KconfigDefinition>>
        {
            ["INET"] = [new("INET", "bool", true, KconfigExprParser.Parse("NET"), null, null, "net/Kconfig:1")],
            ["NETFILTER"] = [new("NETFILTER", "bool", true, KconfigExprParser.Parse("INET"), null, null, "net/Kconfig:2")],
            ["IPV6"] = [new("IPV6", "tristate", true, KconfigExprParser.Parse("INET"), null, null, "net/Kconfig:3")],
        }, new Dictionary<string, IReadOnlyList<KconfigSelect>>());
        var solver = new KconfigSolver(tree, KconfigExprTests.Config);
        var expr = KconfigExprParser.Parse("NETFILTER && (INET || IPV6)");

        solver.Unmet(expr).ShouldBe(["NETFILTER=n", "INET=n", "IPV6=m"]);
        solver.ToAdd(expr).ShouldBe(["CONFIG_INET=y", "CONFIG_NETFILTER=y"]);
        solver.ToAdd(KconfigExprParser.Parse("NOT_IN_KERNEL")).ShouldBeNull();
    }
}
