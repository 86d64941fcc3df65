using EdgeBuild.Kernel;
using EdgeBuild.Packaging;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tests.Kernel;
using EdgeBuild.Tooling;
using EdgeBuild.VirtualBoard;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.VirtualBoard;

/// <summary>The host side of the virtual board's check_kernel step: the device's check-kernel.sh output, read back from the console, against CheckKernelConfig.</summary>
[Trait("Tier", "Fast")]
public class SmokeReportTests
{
    [Theory(Timeout = 60000)]
    [InlineData("3.2")]
    [InlineData("3.1")]
    public async Task The_device_check_kernel_sh_and_CheckKernelConfig_agree_on_a_real_OpenHarmony_config(string ohosVersion)
    {
        // Arrange: the real script on the real defconfig, its lines as the VM's console shows them.
        var config = KernelTestData.Defconfig(ohosVersion);
        var script = Path.Combine(KernelTestData.RepositoryRoot, "device", "check-kernel.sh");
        using var dir = new TempDirectory();
        // The option list the Sidecar target generates from targets/kernel/requirements.json and the device reads.
        var options = Path.Combine(dir.Path, "kernel-options");
        File.WriteAllText(options, KernelOptionList.Render(KernelRequirements.Load(Path.Combine(KernelTestData.TargetsDirectory, "kernel", "requirements.json"))));
        var output = await ProcessRunner.RunAsync("sh", [script, "--config", config, "--options", options], new ProcessOptions { CaptureOutput = true, AllowFailure = true });

        // Act
        var report = SmokeReport.Parse(output.StandardOutput.Split('\n').Select(l => "CHECK " + l));
        var host = KernelConfigChecker.FromTargets(KernelTestData.TargetsDirectory).Check(KernelConfigReader.Read(config), null);

        // Assert
        report.KernelCheck.Count.ShouldBeGreaterThan(10);
        report.KernelCheckDisagreements(host).ShouldBeEmpty();
    }

    [Fact]
    public void A_console_log_reads_back_as_steps_and_fails_at_the_failing_step()
    {
        // Arrange
        string[] console = ["[    1.0] booting", "SMOKE ok modules: 51 modules", "noise", "SMOKE FAIL setup_docker: cgroup controller memory is not mounted", "SMOKE END fail"];

        // Act
        var report = SmokeReport.Parse(console);

        // Assert
        report.Passed.ShouldBeFalse();
        report.Steps.Select(s => s.ToString()).ShouldBe(["modules: ok 51 modules", "setup_docker: FAIL cgroup controller memory is not mounted"]);
    }
}
