using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>--plan names what the OpenHarmony targets would use, per version, without touching Docker or disk.</summary>
[Trait("Tier", "Integration")]
public class OhosPlanTests
{
    [Theory]
    [InlineData("6.1", "refs/tags/OpenHarmony-v6.1-Release", "https://gitcode.com/openharmony/manifest.git", "linux-6.6", "kernel/linux/config/linux-6.6/rk3568/arch/arm64_defconfig", "edge-build/ohos-builder:")]
    [InlineData("5.0.2", "refs/tags/OpenHarmony-v5.0.2-Release", "https://gitee.com/openharmony/manifest.git", "linux-5.10", "kernel/linux/config/linux-5.10/rk3568/arch/arm64_defconfig", "docker_oh_standard:3.2 (official)")]
    [InlineData("3.1", "refs/tags/OpenHarmony-v3.1-Release", "https://gitee.com/openharmony/manifest.git", "linux-5.10", "kernel/linux/config/linux-5.10/arch/arm64/configs/rk3568_standard_defconfig", "openharmony-docker:1.0.0 (official)")]
    public void The_plan_names_manifest_tag_builder_image_kernel_and_config_layer(string version, string tag, string url, string kernel, string layer, string image)
    {
        using var artifacts = new TempDirectory();

        var run = BuildRunner.Run(["BundleRk3568", "--plan", "--ohos-version", version, "--artifacts", artifacts.Path]);

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain($"repo init -u {url} -b {tag}");
        if (version == "6.1") run.Output.ShouldContain("prebuilts by build/prebuilts_download.sh from build/prebuilts_config.json");
        run.Output.ShouldContain($"kernel {kernel} (tree default, build/ohos/kernel/kernel.gni); fragment docker-kubeedge.config into {layer}");
        run.Output.ShouldContain($"in builder image ");
        run.Output.ShouldContain(image);
    }

    [Fact]
    public void A_gn_arg_kernel_and_a_builder_image_override_show_in_the_plan()
    {
        using var artifacts = new TempDirectory();

        var run = BuildRunner.Run(["BundleRk3568", "--plan", "--ohos-version", "5.0", "--gn-args", "linux_kernel_version=linux-6.6",
            "--builder-image", "my/builder:1", "--artifacts", artifacts.Path]);

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("OpenHarmony 5.0.3: repo init");
        run.Output.ShouldContain("kernel linux-6.6 (--gn-args linux_kernel_version); fragment docker-kubeedge.config into kernel/linux/config/linux-6.6/rk3568/arch/arm64_defconfig");
        run.Output.ShouldContain("in builder image my/builder:1 (--builder-image)");
        run.Output.ShouldContain("--no-prebuilt-sdk --gn-args linux_kernel_version=linux-6.6");
    }
}
