using EdgeBuild.Engine;
using EdgeBuild.Kernel;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Kernel;

[Trait("Tier", "Fast")]
public class DockerKubeEdgeFragmentTests
{
    [Fact]
    public void Every_option_docker_kubeedge_and_the_device_need_on_5_10_is_in_the_fragment_as_y()
    {
        // Arrange
        var fragment = ConfigFragment.Load(KernelTestData.Fragment);
        var requirements = KernelRequirements.Load(KernelRequirements.DefaultPath(KernelTestData.TargetsDirectory));
        var empty = KernelConfig.Parse("", "empty");
        var needed = requirements.Groups.Where(g => g.Id is "necessary" or "kubeedge" or "openharmony")
            .SelectMany(g => g.Options).Where(o => o.AppliesTo(KernelVersion.Parse("5.10"), empty)).Select(o => o.Name).Distinct();

        // Act
        var values = fragment.Lines.ToDictionary(l => l.Name, l => l.Value);

        // Assert
        foreach (var name in needed) values.GetValueOrDefault(name).ShouldBe("y", name);
        values.Values.ShouldAllBe(v => v == "y");
    }

    [Fact]
    public void A_fragment_line_that_is_not_an_option_fails_naming_file_and_line()
    {
        using var temp = KernelTestData.NewTemp();
        File.WriteAllText(temp["bad.config"], "# ok\nCONFIG_VETH=y\nVETH=y\n");

        var error = Should.Throw<BuildException>(() => ConfigFragment.Load(temp["bad.config"]));

        error.Message.ShouldContain($"{temp["bad.config"]}:3");
    }

    [Fact]
    public void Merging_replaces_not_set_lines_keeps_the_rest_and_appends_new_symbols_once()
    {
        // Arrange
        using var temp = KernelTestData.NewTemp();
        File.WriteAllText(temp["f.config"], "CONFIG_VETH=y\n# CONFIG_DEBUG is not set\nCONFIG_NEW=y\n");
        var fragment = ConfigFragment.Load(temp["f.config"]);

        // Act
        var once = fragment.MergeInto("# header\n# CONFIG_VETH is not set\nCONFIG_DEBUG=y\nCONFIG_KEEP=m\nCONFIG_VETH=m\n");
        var twice = fragment.MergeInto(once);

        // Assert
        once.Split('\n').ShouldBe(["# header", "CONFIG_VETH=y", "# CONFIG_DEBUG is not set", "CONFIG_KEEP=m", "",
            "# Merged from f.config (Docker + KubeEdge)", "CONFIG_NEW=y", ""]);
        twice.ShouldBe(once);
    }
}
