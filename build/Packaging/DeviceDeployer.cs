using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>How to install the sidecar on a device.</summary>
public sealed record DeployOptions
{
    /// <summary>The hdc executable (hdc, or hdc_std on OpenHarmony 3.1 SDKs).</summary>
    public string Hdc { get; init; } = "hdc";
    /// <summary>Serial of the device (hdc -t); null when exactly one is connected.</summary>
    public string? Device { get; init; }
    /// <summary>Docker's data root, passed to setup-docker.sh.</summary>
    public string DataRoot { get; init; } = "/mnt/f2fs";
    /// <summary>SD card block device to mount at the data root (setup-docker.sh --sd-device).</summary>
    public string? SdDevice { get; init; }
    /// <summary>Start dockerd after set-up (setup-docker.sh --start).</summary>
    public bool Start { get; init; }
    /// <summary>Cloud token to install as <see cref="DeviceDeployer.RemoteTokenFile"/> (0600); never put in any argv.</summary>
    public string? CloudToken { get; init; }
}

/// <summary>
/// Installs a sidecar over hdc: remount / read-write, send the archive, unpack it at /, install busybox's applets,
/// run the kernel check and setup-docker.sh. hdc shell does not return the remote exit code, so each remote
/// command reports its own and a non-zero one fails the step.
/// </summary>
public static class DeviceDeployer
{
    private const string RemoteTemp = "/data/local/tmp";
    private const string ExitMarker = "edge-build-exit=";
    /// <summary>Where the cloud token lands on the device (0600); start-edgecore.sh reads it when given no other token.</summary>
    public const string RemoteTokenFile = "/etc/kubeedge/cloud-token";

    /// <summary>Deploys <paramref name="sidecarArchive"/> to the device.</summary>
    public static async Task DeployAsync(string sidecarArchive, DeployOptions options, CancellationToken ct)
    {
        if (!File.Exists(sidecarArchive)) throw new BuildException($"Sidecar {sidecarArchive} does not exist; run Sidecar first.");
        if (ProcessRunner.Which(options.Hdc) is null && !File.Exists(options.Hdc))
            throw new BuildException($"'{options.Hdc}' is not on PATH: install the OpenHarmony SDK's toolchains (hdc) and put it on PATH, or give --hdc /path/to/hdc.");
        var targets = (await ProcessRunner.OutputOfAsync(options.Hdc, ["list", "targets"], cancellationToken: ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(t => t != "[Empty]").ToList();
        if (targets.Count == 0) throw new BuildException("hdc lists no device: connect the board over USB and check `hdc list targets`.");
        if (options.Device is { } device && !targets.Contains(device))
            throw new BuildException($"Device {device} is not connected; hdc lists: {string.Join(", ", targets)}.");
        if (options.Device is null && targets.Count > 1)
            throw new BuildException($"{targets.Count} devices are connected ({string.Join(", ", targets)}); choose one with --device.");

        var name = Path.GetFileName(sidecarArchive);
        await ShellAsync(options, "mount -o rw,remount /", "remount / read-write", ct);
        await HdcAsync(options, ["file", "send", sidecarArchive, $"{RemoteTemp}/{name}"], ct);
        await ShellAsync(options, $"cd / && tar -xzf {RemoteTemp}/{name} && rm {RemoteTemp}/{name}", "unpack the sidecar at /", ct);
        await ShellAsync(options, "mkdir -p /system/xbin && /system/bin/busybox --install -s /system/xbin", "install busybox's applets", ct);
        if (options.CloudToken is { } token) await SendTokenAsync(options, token, ct);
        try { await ShellAsync(options, "/system/bin/check-kernel.sh", "check the kernel configuration", ct); }
        catch (BuildException e) { BuildReport.Current.Warning($"{e.Message} Docker may not work; rebuild the kernel (CheckKernelConfig, ExplainKernelConfig)."); }
        var setup = $"PATH=$PATH:/system/bin:/system/xbin /system/bin/setup-docker.sh --data-root {options.DataRoot}"
            + (options.SdDevice is { } sd ? $" --sd-device {sd}" : "") + (options.Start ? " --start" : "");
        await ShellAsync(options, setup, "set up Docker", ct);
    }

    // The token travels as a file (hdc file send of a 0600 temp file into a 0700 directory), so it is in no argv on either side.
    private static async Task SendTokenAsync(DeployOptions options, string token, CancellationToken ct)
    {
        Secrets.Register(token);
        var local = Path.Combine(Path.GetTempPath(), $"edge-build-token-{Guid.NewGuid():N}");
        var remoteDirectory = $"{RemoteTemp}/edge-build-secret";
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var file = new FileStream(local, create))
                await file.WriteAsync(System.Text.Encoding.ASCII.GetBytes(token + "\n"), ct);
            await ShellAsync(options, $"rm -rf {remoteDirectory} && mkdir -m 700 {remoteDirectory}", "prepare a private directory for the cloud token", ct);
            await HdcAsync(options, ["file", "send", local, $"{remoteDirectory}/cloud-token"], ct);
            await ShellAsync(options, $"chmod 600 {remoteDirectory}/cloud-token && mkdir -p {Path.GetDirectoryName(RemoteTokenFile)} && " +
                $"mv {remoteDirectory}/cloud-token {RemoteTokenFile} && rmdir {remoteDirectory}", $"install the cloud token as {RemoteTokenFile}", ct);
        }
        finally { File.Delete(local); }
    }

    private static async Task ShellAsync(DeployOptions options, string command, string what, CancellationToken ct)
    {
        var output = await HdcAsync(options, ["shell", $"{command}; echo {ExitMarker}$?"], ct);
        var marker = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(ExitMarker, StringComparison.Ordinal));
        if (marker != $"{ExitMarker}0")
            throw new BuildException($"On the device, '{command}' failed ({marker ?? "no exit status"}) while trying to {what}. Output:\n{output.TrimEnd()}");
    }

    private static async Task<string> HdcAsync(DeployOptions options, IEnumerable<string> args, CancellationToken ct)
    {
        string[] target = options.Device is { } device ? ["-t", device] : [];
        var result = await ProcessRunner.RunAsync(options.Hdc, [.. target, .. args], new ProcessOptions { CaptureOutput = true }, ct);
        BuildReport.Current.Information(result.StandardOutput.TrimEnd());
        return result.StandardOutput;
    }
}
