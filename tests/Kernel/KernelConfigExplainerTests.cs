using EdgeBuild.Tests.Support;
using System.Text.RegularExpressions;
using EdgeBuild.Kernel;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Kernel;

// Engine runs share the process-wide log sink: never two at once.
[Collection("Kernel engine runs")]
[Trait("Tier", "Integration")]
public class KernelConfigExplainerTests(LinuxSourceTree linux) : IClassFixture<LinuxSourceTree>
{
    private const string Unknown = "CONFIG_NOT_A_SYMBOL_OF_LINUX_6_1";

    [Fact(Timeout = 600000)]
    public async Task Each_dropped_option_is_named_with_its_unmet_dependency_from_the_real_Kconfig()
    {
        // Arrange: NET and INET can be switched on; BRIDGE_NETFILTER needs BRIDGE and NETFILTER, which stay off.
        using var temp = KernelTestData.NewTemp();
        var fragment = Fragment(temp, "CONFIG_NET=y", "CONFIG_INET=y", "CONFIG_BRIDGE_NETFILTER=y", "CONFIG_VETH=y", $"{Unknown}=y");

        // Act
        var explanation = await Explain(fragment);

        // Assert
        explanation.Dropped.Select(d => d.Name).Order().ShouldBe(["CONFIG_BRIDGE_NETFILTER", Unknown, "CONFIG_VETH"]);
        explanation.Dropped.Single(d => d.Name == Unknown).Reason.ShouldBe(DropReason.UnknownSymbol);
        var bridge = explanation.Dropped.Single(d => d.Name == "CONFIG_BRIDGE_NETFILTER");
        bridge.Reason.ShouldBe(DropReason.UnmetDependency);
        bridge.Actual.ShouldBe("n");
        var result = KernelConfig.Parse(File.ReadAllText(explanation.ResultConfig), "result");
        var own = DependsOnLinesOf(bridge.Details.Single());
        var symbols = own.SelectMany(l => Regex.Matches(l, @"\b[A-Z][A-Z0-9_]+\b").Select(m => m.Value)).Distinct().ToList();
        symbols.ShouldBe(["BRIDGE", "NETFILTER", "INET", "NETFILTER_ADVANCED"]);
        foreach (var symbol in symbols)
            bridge.Unmet.Contains($"{symbol}=n").ShouldBe(result.StateOf("CONFIG_" + symbol) == OptionState.Missing, symbol);
        bridge.Details.Single().ShouldContain("BRIDGE [=n]");
        bridge.Details.Single().ShouldContain("INET [=y]");
        bridge.ToAdd.ShouldContain("CONFIG_BRIDGE=y");
        bridge.ToAdd.ShouldContain("CONFIG_NETFILTER=y");
        var veth = explanation.Dropped.Single(d => d.Name == "CONFIG_VETH");
        veth.Unmet.ShouldContain("NETDEVICES=n");
    }

    [Fact(Timeout = 600000)]
    public async Task Adding_the_suggested_options_makes_the_dropped_option_survive()
    {
        // Arrange
        using var temp = KernelTestData.NewTemp();
        var first = await Explain(Fragment(temp, "CONFIG_NET=y", "CONFIG_INET=y", "CONFIG_BRIDGE_NETFILTER=y"));
        var toAdd = first.Dropped.Single().ToAdd;

        // Act
        var second = await Explain(Fragment(temp, ["CONFIG_NET=y", "CONFIG_INET=y", .. toAdd, "CONFIG_BRIDGE_NETFILTER=y"]));

        // Assert
        second.Dropped.ShouldBeEmpty();
        File.ReadAllLines(second.ResultConfig).ShouldContain("CONFIG_BRIDGE_NETFILTER=y");
    }

    [Theory(Timeout = 600000)]
    [InlineData("3.1")]
    [InlineData("3.2")]
    public async Task The_shipped_fragment_survives_olddefconfig_on_the_rk3568_defconfig(string ohosVersion)
    {
        var explanation = await Explain(KernelTestData.Fragment, KernelTestData.Defconfig(ohosVersion));

        explanation.Dropped.Select(d => d.Render()).ShouldBeEmpty();
        explanation.Requested.ShouldBe(ConfigFragment.Load(KernelTestData.Fragment).Lines.Count);
    }

    [Fact(Timeout = 600000)]
    public async Task The_target_run_through_the_engine_names_an_unknown_symbol_and_fails()
    {
        // Arrange
        using var temp = KernelTestData.NewTemp();
        var fragment = Fragment(temp, "CONFIG_NET=y", $"{Unknown}=y");
        var writer = new StringWriter();

        // Act
        var exit = await Task.Run(() => EdgeBuild.Engine.BuildExecutor.Run(new Build(),
            ["ExplainKernelConfig", "--kernel-source", linux.Source, "--kernel-config", linux.AllNoConfig, "--kernel-fragment", fragment],
            "Doctor", new EdgeBuild.Engine.ExecutorOptions
            {
                Output = writer, HandleSignals = false, WriteSchema = false,
                RootDirectory = EdgeBuild.Tooling.AbsolutePath.Create(RepositoryRoot.Path),
            }));

        // Assert
        var output = writer.ToString();
        exit.ShouldNotBe(0, output);
        output.ShouldContain($"- {Unknown}: requested y, got n: unknown symbol (not in this kernel)");
        output.ShouldContain("1 of 2 requested options survived");
    }

    private Task<KernelConfigExplanation> Explain(string fragment, string? baseConfig = null) =>
        KernelConfigExplainer.ExplainAsync(linux.Source, KernelConfigReader.Read(baseConfig ?? linux.AllNoConfig), ConfigFragment.Load(fragment),
            "arm64", linux.BuildDirectory, CancellationToken.None);

    private static string Fragment(TempDirectory temp, params string[] lines)
    {
        var path = temp[$"fragment-{Guid.NewGuid():N}.config"];
        File.WriteAllLines(path, lines);
        return path;
    }

    // The "depends on" lines of the config block a detail points at ("... (net/Kconfig:188)"), read from the real file.
    private IReadOnlyList<string> DependsOnLinesOf(string detail)
    {
        var location = Regex.Match(detail, @"\((?<file>[^():]+):(?<line>\d+)\)$");
        location.Success.ShouldBeTrue(detail);
        var lines = File.ReadAllLines(Path.Combine(linux.Source, location.Groups["file"].Value));
        var start = int.Parse(location.Groups["line"].Value) - 1;
        lines[start].ShouldBe("config BRIDGE_NETFILTER");
        return lines.Skip(start + 1).TakeWhile(l => l.StartsWith('\t') && !l.Trim().StartsWith("help"))
            .Where(l => l.Trim().StartsWith("depends on")).Select(l => l.Trim()["depends on".Length..]).ToList();
    }
}
