using EdgeBuild.Tests.Support;

namespace EdgeBuild.Tests.Packaging;

/// <summary>An OpenHarmony rk3568 image set as BuildOpenHarmony leaves it: small stand-in images and a real-shaped parameter.txt.</summary>
public static class BundleFixtures
{
    // The lines before CMDLINE, the same in every rk3568 parameter.txt.
    private const string ParameterHeader = """
        FIRMWARE_VER:11.0
        MACHINE_MODEL:rk3568
        MACHINE_ID:007
        MANUFACTURER: RK3568
        MAGIC: 0x5041524B
        ATAG: 0x00200800
        MACHINE: rk3568
        CHECK_MASK: 0x80
        PWR_HLD: 0,0,A,0,1
        TYPE: GPT

        """;

    /// <summary>rk3568's partition table as OpenHarmony 3.2 ships it (the addresses of tests/data/openharmony/rk3568_config_v3.2.cfg).</summary>
    public const string ParameterTxt = ParameterHeader + """
        CMDLINE:mtdparts=rk29xxnand:0x00002000@0x00002000(uboot),0x00002000@0x00004000(misc),0x00003000@0x00006000(resource),0x00030000@0x00009000(boot_linux:bootable),0x00002000@0x00039000(ramdisk),0x00400000@0x0003B000(system),0x00200000@0x0043B000(vendor),0x00019000@0x0063B000(sys-prod),0x00019000@0x00654000(chip-prod),0x00010000@0x0066D000(updater),-@0x0067D000(userdata:grow)
        uuid:system=614e0000-0000-4b53-8000-1d28000054a9

        """;

    /// <summary>rk3568's partition table as OpenHarmony 3.1 ships it (device_hihope rk3568/loader/parameter_5_10.txt's CMDLINE shape).</summary>
    public const string ParameterTxt31 = ParameterHeader + """
        CMDLINE:mtdparts=rk29xxnand:0x00002000@0x00002000(uboot),0x00002000@0x00004000(misc),0x00002000@0x00006000(resource),0x00030000@0x00008000(boot_linux:bootable),0x00400000@0x00038000(system),0x00200000@0x00438000(vendor),-@0x00638000(userdata:grow)

        """;

    /// <summary>The image set OpenHarmony 3.1's rk3568 build leaves: no ramdisk.img (it is inside boot_linux.img), no config.cfg.</summary>
    public static string Images31(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "parameter.txt"), ParameterTxt31);
        foreach (var image in new[] { "MiniLoaderAll.bin", "uboot.img", "resource.img", "boot_linux.img", "system.img", "vendor.img", "userdata.img", "updater.img" })
            File.WriteAllText(Path.Combine(directory, image), $"stand-in for {image}\n");
        return directory;
    }

    /// <summary>Writes the image set into <paramref name="directory"/> and returns it.</summary>
    public static string Images(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "parameter.txt"), ParameterTxt);
        foreach (var image in new[] { "MiniLoaderAll.bin", "uboot.img", "resource.img", "boot_linux.img", "ramdisk.img", "system.img",
                     "vendor.img", "userdata.img", "updater.img", "sys_prod.img", "chip_prod.img" })
            File.WriteAllText(Path.Combine(directory, image), $"stand-in for {image}\n");
        return directory;
    }
}
