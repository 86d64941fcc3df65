using System.Text;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

/// <summary>Runs the bundle's flash.sh against stand-in Rockchip tools that record their arguments.</summary>
[Collection("packaging targets")]
public class FlashScriptTests
{
    private static async Task<(int Code, string Output, string Error, string Calls)> FlashAsync(TempDirectory dir, string tool, string mode, params string[] args)
    {
        var bundle = dir["bundle"];
        var images = Directory.CreateDirectory(Path.Combine(bundle, "images")).FullName;
        BundleFixtures.Images(images);
        await File.WriteAllTextAsync(Path.Combine(images, "partitions.map"), "uboot uboot.img\nboot_linux boot_linux.img\nsystem system.img\nsys-prod sys_prod.img\nuserdata userdata.img\n");
        File.Copy(Path.Combine(RepositoryRoot.Path, "targets", "boards", "rockchip-flash.sh"), Path.Combine(bundle, "flash.sh"), overwrite: true);
        var sums = await Processes.TextAsync("sh", ["-c", "find images -type f | sort | xargs sha256sum"], bundle);
        await File.WriteAllTextAsync(Path.Combine(bundle, "SHA256SUMS"), sums);
        var calls = dir["calls"];
        dir.Write($"bin/{tool}", $"#!/bin/sh\necho \"$*\" >> '{calls}'\n[ \"$1\" = ld ] && echo 'DevNo=1\tVid=0x2207,Pid=0x350a,LocationID=104\t{mode}'\nexit 0\n", Fixtures.Exec);
        var (code, output, error) = await Processes.RunAsync("env", ["PATH=" + dir["bin"] + ":/usr/bin:/bin", "sh", Path.Combine(bundle, "flash.sh"), .. args]);
        return (code, Encoding.UTF8.GetString(output), error, File.Exists(calls) ? File.ReadAllText(calls).Replace(images + "/", "") : "");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task Rkdeveloptool_writes_loader_table_and_each_partition_named_in_parameter_txt()
    {
        using var dir = new TempDirectory();

        var run = await FlashAsync(dir, "rkdeveloptool", "Loader");

        run.Code.ShouldBe(0, run.Error + run.Output);
        run.Calls.ShouldBe("ld\nul MiniLoaderAll.bin\ngpt parameter.txt\nwlx uboot uboot.img\nwlx boot_linux boot_linux.img\nwlx system system.img\nwlx sys-prod sys_prod.img\nwlx userdata userdata.img\nrd\n");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task Upgrade_tool_in_maskrom_mode_downloads_the_loader_first()
    {
        using var dir = new TempDirectory();

        var run = await FlashAsync(dir, "upgrade_tool", "Maskrom");

        run.Code.ShouldBe(0, run.Error + run.Output);
        run.Calls.ShouldStartWith("ld\ndb MiniLoaderAll.bin\nul MiniLoaderAll.bin -noreset\ndi -p parameter.txt\ndi -uboot uboot.img\n");
        run.Calls.ShouldEndWith("di -userdata userdata.img\nrd\n");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task No_board_in_loader_mode_flashes_nothing_and_says_how_to_get_there()
    {
        using var dir = new TempDirectory();

        var run = await FlashAsync(dir, "rkdeveloptool", "nothing");

        run.Code.ShouldBe(1);
        run.Error.ShouldContain("no board in loader mode");
        run.Error.ShouldContain("hdc shell reboot loader");
        run.Calls.ShouldBe("ld\n");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Integration")]
    public async Task Flash_script_passes_shellcheck()
    {
        var (code, output, error) = await Processes.RunAsync("shellcheck", ["--shell=sh", "--severity=info", Path.Combine(RepositoryRoot.Path, "targets", "boards", "rockchip-flash.sh")]);
        code.ShouldBe(0, Encoding.UTF8.GetString(output) + error);
    }
}
