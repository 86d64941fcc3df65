using EdgeBuild.Tests.Support;
using EdgeBuild.Engine;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Kernel;

// Engine runs share the process-wide log sink: never two at once.
[Collection("Kernel engine runs")]
[Trait("Tier", "Fast")]
public class CheckKernelConfigTargetTests
{
    [Fact(Timeout = 120000)]
    public async Task The_target_fails_on_the_real_3_1_defconfig_and_prints_mobys_verdicts()
    {
        using var temp = KernelTestData.NewTemp();

        var (exit, output) = await Run("--kernel-config", KernelTestData.Defconfig("3.1"), "--kernel-version", "5.10", "--report", temp["r.json"]);

        exit.ShouldNotBe(0);
        output.ShouldContain("Generally Necessary:");
        output.ShouldContain("- CONFIG_VETH: missing");
        output.ShouldContain("- CONFIG_NAMESPACES: enabled");
        output.ShouldContain("necessary kernel option(s) missing");
        File.ReadAllText(temp["r.json"]).ShouldContain("\"CONFIG_VETH\"");
    }

    [Fact(Timeout = 120000)]
    public async Task The_target_passes_once_the_fragment_is_merged_into_a_config_gz()
    {
        // Arrange
        using var temp = KernelTestData.NewTemp();
        var merged = EdgeBuild.Kernel.ConfigFragment.Load(KernelTestData.Fragment).MergeInto(File.ReadAllText(KernelTestData.Defconfig("3.2")));
        File.WriteAllBytes(temp["config.gz"], KernelTestData.Gzip(System.Text.Encoding.UTF8.GetBytes(merged)));

        // Act
        var (exit, output) = await Run("--kernel-config", temp["config.gz"], "--report", temp["r.json"]);

        // Assert
        exit.ShouldBe(0, output);
        output.ShouldContain("- CONFIG_VETH: enabled");
        File.ReadAllText(temp["r.json"]).ShouldContain("\"missingNecessary\": []");
    }

    private static Task<(int Exit, string Output)> Run(params string[] args) => Task.Run(() =>
    {
        var run = BuildRunner.Run(["CheckKernelConfig", .. args], KernelTestData.RepositoryRoot);
        return (run.ExitCode, run.Output);
    });
}
