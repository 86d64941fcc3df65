using EdgeBuild.Engine;
using EdgeBuild.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Packaging;

/// <summary>Deploy against a stand-in hdc that records its arguments and answers like hdc (exit status only in the output).</summary>
[Trait("Tier", "Fast")]
public class DeviceDeployerTests
{
    private static (string Hdc, string Calls, string Archive) Arrange(TempDirectory dir, int setupExit)
    {
        var calls = dir["calls"];
        var hdc = dir.Write("hdc", $$"""
            #!/bin/sh
            echo "$*" >> '{{calls}}'
            case "$*" in
              *"list targets") echo ABC123 ;;
              *check-kernel*) echo "CONFIG_VXLAN: MISSING"; echo "edge-build-exit=1" ;;
              *setup-docker*) echo "setup-docker.sh: done"; echo "edge-build-exit={{setupExit}}" ;;
              *shell*) echo "edge-build-exit=0" ;;
            esac
            exit 0
            """, Fixtures.Exec);
        return (hdc, calls, dir.Write("sidecar-rk3568-1.2.3.tar.gz", "archive"));
    }

    [Fact(Timeout = 60000)]
    public async Task Deploy_sends_unpacks_and_sets_up_in_order_and_survives_a_failed_kernel_check()
    {
        // Arrange
        using var dir = new TempDirectory();
        var (hdc, calls, archive) = Arrange(dir, setupExit: 0);

        // Act
        await DeviceDeployer.DeployAsync(archive, new DeployOptions { Hdc = hdc, Device = "ABC123", SdDevice = "/dev/block/mmcblk0p1", Start = true }, CancellationToken.None);

        // Assert
        var lines = File.ReadAllLines(calls);
        lines.ShouldBe([
            "list targets",
            "-t ABC123 shell mount -o rw,remount /; echo edge-build-exit=$?",
            $"-t ABC123 file send {archive} /data/local/tmp/sidecar-rk3568-1.2.3.tar.gz",
            "-t ABC123 shell cd / && tar -xzf /data/local/tmp/sidecar-rk3568-1.2.3.tar.gz && rm /data/local/tmp/sidecar-rk3568-1.2.3.tar.gz; echo edge-build-exit=$?",
            "-t ABC123 shell mkdir -p /system/xbin && /system/bin/busybox --install -s /system/xbin; echo edge-build-exit=$?",
            "-t ABC123 shell /system/bin/check-kernel.sh; echo edge-build-exit=$?",
            "-t ABC123 shell PATH=$PATH:/system/bin:/system/xbin /system/bin/setup-docker.sh --data-root /mnt/f2fs --sd-device /dev/block/mmcblk0p1 --start; echo edge-build-exit=$?",
        ]);
    }

    [Fact(Timeout = 60000)]
    public async Task Deploy_sends_the_cloud_token_as_a_0600_file_and_never_in_an_argument()
    {
        // Arrange: the stand-in hdc also keeps a copy of each file it is asked to send, with the mode it had on the host.
        using var dir = new TempDirectory();
        var (hdc, calls, archive) = Arrange(dir, setupExit: 0);
        var sent = dir["sent"];
        File.WriteAllText(hdc, File.ReadAllText(hdc).Replace("case \"$*\" in", $"[ \"$1\" = file ] && {{ stat -c %a \"$3\" >> '{sent}.mode'; cat \"$3\" > '{sent}'; }}\ncase \"$*\" in"));
        const string token = "4f3e2d1c.eyJhbGciOiJIUzI1NiJ9.deploy-token_value";

        // Act
        await DeviceDeployer.DeployAsync(archive, new DeployOptions { Hdc = hdc, CloudToken = token }, CancellationToken.None);

        // Assert
        var lines = File.ReadAllLines(calls);
        lines.Where(l => l.Contains("eyJhbGci") || l.Contains("deploy-token")).ShouldBeEmpty();
        lines.ShouldContain(l => l.StartsWith("file send ") && l.EndsWith(" /data/local/tmp/edge-build-secret/cloud-token"));
        lines.ShouldContain("shell chmod 600 /data/local/tmp/edge-build-secret/cloud-token && mkdir -p /etc/kubeedge && mv /data/local/tmp/edge-build-secret/cloud-token /etc/kubeedge/cloud-token && rmdir /data/local/tmp/edge-build-secret; echo edge-build-exit=$?");
        File.ReadAllText(sent).ShouldBe(token + "\n");
        File.ReadAllLines(sent + ".mode").Last().ShouldBe("600");
        var local = lines.Single(l => l.EndsWith("/cloud-token") && l.StartsWith("file send ")).Split(' ')[2];
        File.Exists(local).ShouldBeFalse("the host's temp copy is removed");
    }

    [Fact(Timeout = 60000)]
    public async Task A_failing_remote_command_fails_the_deploy_with_its_output_although_hdc_exits_0()
    {
        using var dir = new TempDirectory();
        var (hdc, _, archive) = Arrange(dir, setupExit: 3);

        var error = await Should.ThrowAsync<BuildException>(() => DeviceDeployer.DeployAsync(archive, new DeployOptions { Hdc = hdc }, CancellationToken.None));

        error.Message.ShouldContain("failed (edge-build-exit=3) while trying to set up Docker");
        error.Message.ShouldContain("setup-docker.sh: done");
    }

    [Fact(Timeout = 60000)]
    public async Task An_unknown_device_is_refused_naming_the_connected_ones()
    {
        using var dir = new TempDirectory();
        var (hdc, calls, archive) = Arrange(dir, setupExit: 0);

        var error = await Should.ThrowAsync<BuildException>(() => DeviceDeployer.DeployAsync(archive, new DeployOptions { Hdc = hdc, Device = "XYZ" }, CancellationToken.None));

        error.Message.ShouldBe("Device XYZ is not connected; hdc lists: ABC123.");
        File.ReadAllLines(calls).ShouldBe(["list targets"]);
    }
}
