using System.IO.Compression;
using System.Text;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

public class DeviceScriptTests
{
    private const UnixFileMode Exec = (UnixFileMode)0b111_101_101;

    [Theory(Timeout = 60000)]
    [InlineData("setup-docker.sh")]
    [InlineData("start-edgecore.sh")]
    [InlineData("check-kernel.sh")]
    [Trait("Tier", "Integration")]
    public async Task Device_scripts_pass_shellcheck_as_posix_sh(string script)
    {
        var (code, output, error) = await Processes.RunAsync("shellcheck", ["--shell=sh", "--severity=info", Fixtures.Device(script)]);
        code.ShouldBe(0, Encoding.UTF8.GetString(output) + error);
    }

    private static async Task<(int Code, string Output, string Error)> BusyboxShAsync(string script, IEnumerable<string> args, string path)
    {
        var (code, output, error) = await Processes.RunAsync("env", new[] { $"PATH={path}:/usr/bin:/bin", "/bin/busybox", "sh", script }.Concat(args));
        return (code, Encoding.UTF8.GetString(output), error);
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task Start_edgecore_refuses_to_start_without_a_token()
    {
        // Arrange
        using var dir = new TempDirectory();
        var config = dir.Write("edgecore.yaml", "modules:\n  edgeHub:\n    token: \"\"\n");
        dir.Write("bin/edgecore", "#!/bin/sh\necho started \"$@\"\n", Exec);

        // Act
        var run = await BusyboxShAsync(Fixtures.Device("start-edgecore.sh"), ["--config", config, "--foreground"], Path.Combine(dir.Path, "bin"));

        // Assert
        run.Code.ShouldBe(4);
        run.Error.ShouldContain("refusing to start: no cloud token");
        run.Output.ShouldNotContain("started");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task Start_edgecore_writes_the_token_from_a_file_and_starts_edgecore_with_the_config()
    {
        // Arrange
        using var dir = new TempDirectory();
        var config = dir.Write("edgecore.yaml", "modules:\n  edgeHub:\n    token: \"\"\n    websocket:\n      server: 10.0.0.1:10000\n");
        var token = dir.Write("token", "0123abcd.eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.sig-_x");
        dir.Write("bin/edgecore", "#!/bin/sh\necho started \"$@\"\n", Exec);

        // Act
        var run = await BusyboxShAsync(Fixtures.Device("start-edgecore.sh"), ["--config", config, "--token-file", token, "--foreground"], Path.Combine(dir.Path, "bin"));

        // Assert
        run.Code.ShouldBe(0, run.Error);
        run.Output.ShouldContain($"started --config {config}");
        File.ReadAllText(config).ShouldContain("    token: 0123abcd.eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.sig-_x\n    websocket:");
        File.GetUnixFileMode(config).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task Start_edgecore_adds_the_token_under_edgeHub_to_a_config_written_without_one()
    {
        // Arrange: EdgecoreConfig's shape without --embed-cloud-token: no token: line at all.
        using var dir = new TempDirectory();
        var config = dir.Write("edgecore.yaml", "kind: EdgeCore\nmodules:\n  edgeHub:\n    httpServer: https://10.0.0.1:10002\n    websocket:\n      server: 10.0.0.1:10000\n  edged:\n    customInterfaceName: wlan0\n");
        var token = dir.Write("token", "0123abcd.eyJhbGciOiJIUzI1NiJ9.sig");
        dir.Write("bin/edgecore", "#!/bin/sh\necho started \"$@\"\n", Exec);

        // Act
        var run = await BusyboxShAsync(Fixtures.Device("start-edgecore.sh"), ["--config", config, "--token-file", token, "--foreground"], Path.Combine(dir.Path, "bin"));

        // Assert
        run.Code.ShouldBe(0, run.Error);
        File.ReadAllText(config).ShouldBe("kind: EdgeCore\nmodules:\n  edgeHub:\n    token: 0123abcd.eyJhbGciOiJIUzI1NiJ9.sig\n    httpServer: https://10.0.0.1:10002\n" +
            "    websocket:\n      server: 10.0.0.1:10000\n  edged:\n    customInterfaceName: wlan0\n");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Integration")]
    public async Task Start_edgecore_writes_the_token_without_it_appearing_in_any_process_arguments()
    {
        // Arrange: busybox sh (as on the device) runs its applets from itself, so only strace sees every execve's argv.
        using var dir = new TempDirectory();
        const string secret = "9f8e7d6c.eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.Zm9vYmFy-_q";
        var config = dir.Write("edgecore.yaml", "modules:\n  edgeHub:\n    enable: true\n    token: \"\"\n  edged:\n    hostnameOverride: dayu\n");
        File.SetUnixFileMode(config, (UnixFileMode)0b110_100_100);
        var token = dir.Write("token", secret + "\n");
        dir.Write("bin/edgecore", "#!/bin/sh\necho started \"$@\"\n", Exec);
        var trace = Path.Combine(dir.Path, "execve.log");

        // Act
        var (code, output, error) = await Processes.RunAsync("strace", new[] { "-f", "-qq", "-e", "trace=execve", "-s", "65536", "-o", trace,
            "env", $"PATH={Path.Combine(dir.Path, "bin")}:/usr/bin:/bin", "/bin/busybox", "sh", Fixtures.Device("start-edgecore.sh"),
            "--config", config, "--token-file", token, "--foreground" });

        // Assert
        code.ShouldBe(0, error);
        Encoding.UTF8.GetString(output).ShouldContain($"started --config {config}");
        var execs = File.ReadAllLines(trace).Where(l => l.Contains("execve(")).ToList();
        execs.ShouldContain(l => l.Contains("\"grep\""), "the trace must show the applets the script starts");
        string[] fragments = [secret[..8], secret[9..20], secret[^10..]];
        execs.Where(l => fragments.Any(l.Contains)).ShouldBeEmpty();
        File.ReadAllText(config).ShouldBe($"modules:\n  edgeHub:\n    enable: true\n    token: {secret}\n  edged:\n    hostnameOverride: dayu\n");
        File.GetUnixFileMode(config).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(dir.Path, "edgecore.yaml.tmp*").ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task Check_kernel_names_each_missing_option_from_a_gzipped_config()
    {
        // Arrange
        using var dir = new TempDirectory();
        var options = dir.Write("options", "# what this test requires\nCONFIG_OVERLAY_FS\nVETH\nBRIDGE\n");
        var configGz = Path.Combine(dir.Path, "config.gz");
        await using (var gz = new GZipStream(File.Create(configGz), CompressionLevel.Fastest))
            await gz.WriteAsync(Encoding.ASCII.GetBytes("CONFIG_OVERLAY_FS=y\nCONFIG_VETH=m\n# CONFIG_BRIDGE is not set\n"));

        // Act
        var run = await BusyboxShAsync(Fixtures.Device("check-kernel.sh"), ["--config", configGz, "--options", options], "/bin");

        // Assert
        run.Code.ShouldBe(1);
        run.Output.ShouldContain("CONFIG_OVERLAY_FS: enabled");
        run.Output.ShouldContain("CONFIG_VETH: module");
        run.Output.ShouldContain("CONFIG_BRIDGE: MISSING");
        run.Error.ShouldContain("1 required option(s) missing");
    }
}
