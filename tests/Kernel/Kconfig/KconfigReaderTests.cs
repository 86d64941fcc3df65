using EdgeBuild.Engine;
using EdgeBuild.Kernel.Kconfig;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Kernel.Kconfig;

[Trait("Tier", "Fast")]
public class KconfigReaderTests
{
    [Fact]
    public void Blocks_sources_and_help_text_give_each_symbol_its_full_dependency()
    {
        // Arrange
        using var tree = KernelTestData.NewTemp();
        Write(tree["Kconfig"], """
            mainmenu "Test $(SRCARCH)"
            cc-name := gcc
            source "arch/$(SRCARCH)/Kconfig"
            config NET
            	bool "Networking"
            	help
            	  config FAKE_FROM_HELP
            	  depends on NOTHING
            menu "Net options"
            	depends on NET
            	visible if EXPERT
            if INET
            config VETH
            	tristate "veth"
            	depends on NETDEVICES && \
            		!UML # comment
            	select CRC32 if NET
            endif
            choice
            	prompt "Mode"
            	depends on NET
            config MODE_A
            	bool "A"
            config MODE_B
            	bool "B"
            endchoice
            endmenu
            config CRC32
            	tristate
            	imply CRC_HELPER
            """);
        Write(tree["arch/arm64/Kconfig"], """
            config ARM64
            	def_bool y
            	select HAVE_NET
            rsource "sub/Kconfig"
            """);
        Write(tree["arch/arm64/sub/Kconfig"], "config ARM64_SUB\n\tbool \"sub\" if EXPERT\n");

        // Act
        var kconfig = KconfigReader.Read(tree.Path, "arm64");

        // Assert
        var none = new NoValues();
        kconfig.Defines("FAKE_FROM_HELP").ShouldBeFalse();
        kconfig.Definitions["ARM64"].Single().HasPrompt.ShouldBeFalse();
        kconfig.Definitions["ARM64_SUB"].Single().PromptCondition!.Render(none).ShouldBe("EXPERT [=n]");
        var veth = kconfig.Definitions["VETH"].Single();
        veth.Type.ShouldBe("tristate");
        veth.Location.ShouldBe("Kconfig:13");
        veth.DependsOn!.Render(none).ShouldBe("NET [=n] && INET [=n] && NETDEVICES [=n] && !UML [=n]");
        veth.PromptCondition!.Render(none).ShouldBe("EXPERT [=n]");
        kconfig.Definitions["MODE_B"].Single().Choice.ShouldBe("Kconfig:19");
        kconfig.Definitions["MODE_B"].Single().DependsOn!.Render(none).ShouldBe("NET [=n] && NET [=n]");
        kconfig.Definitions["CRC32"].Single().DependsOn.ShouldBeNull();
        kconfig.SelectedBy["CRC32"].Single().Selector.ShouldBe("VETH");
        kconfig.SelectedBy["HAVE_NET"].Single().Selector.ShouldBe("ARM64");
        kconfig.SelectedBy["CRC_HELPER"].Single().Imply.ShouldBeTrue();
    }

    [Fact]
    public void A_sourced_file_that_is_missing_fails_naming_it()
    {
        using var tree = KernelTestData.NewTemp();
        Write(tree["Kconfig"], "source \"arch/$(SRCARCH)/Kconfig\"\n");

        var error = Should.Throw<BuildException>(() => KconfigReader.Read(tree.Path, "riscv"));

        error.Message.ShouldContain(Path.Combine("arch", "riscv", "Kconfig"));
    }

    private sealed class NoValues : ISymbolValues
    {
        public string? ValueOf(string symbol) => null;
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n") + "\n");
    }
}
