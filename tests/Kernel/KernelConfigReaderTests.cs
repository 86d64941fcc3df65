using System.Text;
using EdgeBuild.Engine;
using EdgeBuild.Kernel;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Kernel;

public class KernelConfigReaderTests
{
    private static readonly byte[] Config = File.ReadAllBytes(KernelTestData.Defconfig("3.2"));

    [Fact]
    [Trait("Tier", "Fast")]
    public void A_dot_config_is_read_with_its_header_and_not_set_lines()
    {
        using var temp = KernelTestData.NewTemp();
        File.WriteAllBytes(temp[".config"], Config);

        var config = KernelConfigReader.Read(temp[".config"]);

        config.HeaderVersion.ShouldStartWith("5.10");
        config.Arch.ShouldBe("arm64");
        config["CONFIG_VETH"].ShouldBe("n");
        config.StateOf("CONFIG_NAMESPACES").ShouldBe(OptionState.Enabled);
        config.Values.Count.ShouldBe(KernelTestData.GrepStates(temp[".config"]).Count);
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void A_config_gz_reads_the_same_as_the_plain_file()
    {
        using var temp = KernelTestData.NewTemp();
        File.WriteAllBytes(temp["config.gz"], KernelTestData.Gzip(Config));

        var config = KernelConfigReader.Read(temp["config.gz"]);

        config.Values.ShouldBe(KernelConfig.Parse(Encoding.UTF8.GetString(Config), "plain").Values);
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void A_kernel_image_with_ikconfig_yields_the_embedded_config()
    {
        // Arrange: what kernel/configs.c lays out: bytes, IKCFG_ST, gzip'd config, IKCFG_ED, bytes.
        using var temp = KernelTestData.NewTemp();
        File.WriteAllBytes(temp["Image"], KernelImage());

        // Act
        var config = KernelConfigReader.Read(temp["Image"]);

        // Assert
        config.Values.ShouldBe(KernelConfig.Parse(Encoding.UTF8.GetString(Config), "plain").Values);
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task An_object_file_the_compiler_built_with_the_kernels_ikconfig_layout_yields_the_config()
    {
        // Arrange: the section kernel/configs.c emits, assembled by the real host compiler.
        using var temp = KernelTestData.NewTemp();
        File.WriteAllBytes(temp["config_data.gz"], KernelTestData.Gzip(Config));
        File.WriteAllText(temp["configs.c"], """
            asm(".pushsection .rodata, \"a\"\n"
                ".ascii \"IKCFG_ST\"\n"
                ".incbin \"config_data.gz\"\n"
                ".ascii \"IKCFG_ED\"\n"
                ".popsection\n");
            int kernel_marker = 1;
            """);
        await EdgeBuild.Tooling.ProcessRunner.RunAsync("gcc", ["-c", "configs.c", "-o", "configs.o"],
            new EdgeBuild.Tooling.ProcessOptions { WorkingDirectory = temp.Path }, CancellationToken.None);

        // Act
        var config = KernelConfigReader.Read(temp["configs.o"]);

        // Assert
        config.Values.ShouldBe(KernelConfig.Parse(Encoding.UTF8.GetString(Config), "plain").Values);
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void A_boot_image_holding_a_gzip_compressed_kernel_yields_the_embedded_config()
    {
        // Arrange: an Android boot image header, then Image.gz, then a ramdisk-like tail.
        using var temp = KernelTestData.NewTemp();
        var boot = new MemoryStream();
        boot.Write("ANDROID!"u8);
        boot.Write(new byte[2040]);
        boot.Write(KernelTestData.Gzip(KernelImage()));
        boot.Write(Random(4096, seed: 3));
        File.WriteAllBytes(temp["boot_linux.img"], boot.ToArray());

        // Act
        var config = KernelConfigReader.Read(temp["boot_linux.img"]);

        // Assert
        config.StateOf("CONFIG_NAMESPACES").ShouldBe(OptionState.Enabled);
        config["CONFIG_VETH"].ShouldBe("n");
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void A_file_without_any_config_fails_naming_the_file_and_ikconfig()
    {
        using var temp = KernelTestData.NewTemp();
        File.WriteAllBytes(temp["vmlinux"], Random(65536, seed: 5));

        var error = Should.Throw<BuildException>(() => KernelConfigReader.Read(temp["vmlinux"]));

        error.Message.ShouldContain(temp["vmlinux"]);
        error.Message.ShouldContain("CONFIG_IKCONFIG");
    }

    private static byte[] KernelImage()
    {
        var image = new MemoryStream();
        image.Write(Random(100_000, seed: 1));
        image.Write("IKCFG_ST"u8);
        image.Write(KernelTestData.Gzip(Config));
        image.Write("IKCFG_ED"u8);
        image.Write(Random(50_000, seed: 2));
        return image.ToArray();
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
