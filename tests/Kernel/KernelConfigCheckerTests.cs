using System.Text.Json;
using EdgeBuild.Engine;
using EdgeBuild.Kernel;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Kernel;

[Trait("Tier", "Fast")]
public class KernelConfigCheckerTests
{
    private static readonly KernelConfigChecker Checker = KernelConfigChecker.FromTargets(KernelTestData.TargetsDirectory);

    [Theory]
    [InlineData("3.1")]
    [InlineData("3.2")]
    public void Verdicts_on_the_real_rk3568_defconfig_match_what_grep_finds(string ohosVersion)
    {
        // Arrange
        var path = KernelTestData.Defconfig(ohosVersion);
        var grep = KernelTestData.GrepStates(path);

        // Act
        var report = Checker.Check(KernelConfigReader.Read(path), "5.10");

        // Assert
        report.Options.Count.ShouldBeGreaterThan(50);
        foreach (var verdict in report.Options)
        {
            var expected = grep.GetValueOrDefault(verdict.Name) switch { "y" => OptionState.Enabled, "m" => OptionState.Module, _ => OptionState.Missing };
            verdict.State.ShouldBe(expected, $"{verdict.Name} in {path}");
        }
        grep[ "CONFIG_VETH"].ShouldBe("n");
        report.MissingNecessary.ShouldContain("CONFIG_VETH");
        report.Passed.ShouldBeFalse();
        report.MissingNecessary.ShouldBe(report.Options.Where(o => o.Group == "necessary" && o.State == OptionState.Missing).Select(o => o.Name).Distinct());
    }

    [Fact]
    public void The_3_1_and_3_2_defconfigs_get_different_verdicts_exactly_where_their_lines_differ()
    {
        // Arrange
        var (old, @new) = (KernelTestData.Defconfig("3.1"), KernelTestData.Defconfig("3.2"));
        var (grepOld, grepNew) = (KernelTestData.GrepStates(old), KernelTestData.GrepStates(@new));

        // Act
        var a = Checker.Check(KernelConfigReader.Read(old), null).Options.ToDictionary(o => (o.Name, o.Group), o => o.State);
        var b = Checker.Check(KernelConfigReader.Read(@new), null).Options.ToDictionary(o => (o.Name, o.Group), o => o.State);

        // Assert
        var differing = a.Keys.Where(k => a[k] != b[k]).Select(k => k.Name).Distinct().ToList();
        differing.ShouldNotBeEmpty("3.2 enables some netfilter options 3.1 lacks");
        foreach (var name in a.Keys.Select(k => k.Name).Distinct())
            differing.Contains(name).ShouldBe(IsOn(grepOld, name) != IsOn(grepNew, name), name);
    }

    [Fact]
    public void The_kernel_version_comes_from_the_config_header_when_not_given()
    {
        var report = Checker.Check(KernelConfigReader.Read(KernelTestData.Defconfig("3.2")), null);

        report.KernelVersion.ShouldBe("5.10");
    }

    [Fact]
    public void A_config_without_header_and_without_kernel_version_fails_asking_for_it()
    {
        var config = KernelConfig.Parse("CONFIG_VETH=y\n", "fragment");

        var error = Should.Throw<BuildException>(() => Checker.Check(config, null));

        error.Message.ShouldContain("--kernel-version");
    }

    [Fact]
    public void Version_conditions_are_evaluated_for_the_target_kernel_not_the_host()
    {
        // Arrange: every option of every group on, except the ones only old kernels have.
        var names = KernelRequirements.Load(KernelRequirements.DefaultPath(KernelTestData.TargetsDirectory)).Groups
            .SelectMany(g => g.Options).Where(o => o.Before is null).Select(o => o.Name).Distinct();
        var config = KernelConfig.Parse(string.Join("\n", names.Select(n => $"{n}=y")), "all-new");

        // Act
        var modern = Checker.Check(config, "5.10");
        var old = Checker.Check(config, "4.14");

        // Assert
        modern.Passed.ShouldBeTrue();
        modern.Options.ShouldContain(o => o.Name == "CONFIG_CGROUP_BPF");
        modern.Options.ShouldNotContain(o => o.Name == "CONFIG_NF_NAT_IPV4");
        old.Passed.ShouldBeFalse();
        old.MissingNecessary.ShouldContain("CONFIG_NF_NAT_IPV4");
        old.MissingNecessary.ShouldContain("CONFIG_NF_NAT_NEEDED");
        old.Options.ShouldNotContain(o => o.Name == "CONFIG_CGROUP_BPF");
    }

    [Fact]
    public void Ext3_options_are_not_checked_when_ext4_serves_ext2_and_ext3()
    {
        var with = Checker.Check(KernelConfig.Parse("CONFIG_EXT4_USE_FOR_EXT2=y\n", "a"), "5.10");
        var without = Checker.Check(KernelConfig.Parse("CONFIG_EXT4_FS=y\n", "b"), "5.10");

        with.Options.ShouldNotContain(o => o.Name == "CONFIG_EXT3_FS");
        without.Options.ShouldContain(o => o.Name == "CONFIG_EXT3_FS");
    }

    [Fact]
    public void The_report_json_has_exactly_the_documented_shape()
    {
        // Arrange
        var report = Checker.Check(KernelConfig.Parse("CONFIG_VETH=m\nCONFIG_BRIDGE=y\n", "x.config"), "5.10");

        // Act
        using var json = JsonDocument.Parse(report.ToJson());

        // Assert
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["kernelVersion", "source", "options", "missingNecessary"]);
        root.GetProperty("kernelVersion").GetString().ShouldBe("5.10");
        root.GetProperty("source").GetString().ShouldBe("x.config");
        foreach (var option in root.GetProperty("options").EnumerateArray())
        {
            option.EnumerateObject().Select(p => p.Name).ShouldBe(["name", "group", "state"]);
            option.GetProperty("state").GetString().ShouldBeOneOf("enabled", "module", "missing");
        }
        var veth = root.GetProperty("options").EnumerateArray().First(o => o.GetProperty("name").GetString() == "CONFIG_VETH");
        veth.GetProperty("group").GetString().ShouldBe("necessary");
        veth.GetProperty("state").GetString().ShouldBe("module");
        var missing = root.GetProperty("missingNecessary").EnumerateArray().Select(e => e.GetString()).ToList();
        missing.ShouldContain("CONFIG_NAMESPACES");
        missing.ShouldNotContain("CONFIG_VETH");
        missing.ShouldNotContain("CONFIG_BRIDGE");
    }

    [Fact]
    public void The_printed_verdicts_use_mobys_wording_under_group_headings()
    {
        var text = Checker.Check(KernelConfig.Parse("CONFIG_VETH=m\nCONFIG_BRIDGE=y\n", "x"), "5.10").Render();

        text.ShouldContain("Generally Necessary:\n");
        text.ShouldContain("- CONFIG_VETH: enabled (as module)\n");
        text.ShouldContain("- CONFIG_BRIDGE: enabled\n");
        text.ShouldContain("- CONFIG_POSIX_MQUEUE: missing\n");
        text.ShouldContain("- \"overlay\":\n  - CONFIG_VXLAN: missing\n");
    }

    private static bool IsOn(Dictionary<string, string> grep, string name) => grep.GetValueOrDefault(name) is "y" or "m";
}
