using System.Diagnostics;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.VirtualBoard;

/// <summary>One boot of the virtual board under qemu-system.</summary>
public sealed record VmLaunch
{
    /// <summary>qemu settings.</summary>
    public required QemuSettings Qemu { get; init; }
    /// <summary>The kernel image.</summary>
    public required string Kernel { get; init; }
    /// <summary>The initramfs (newc cpio).</summary>
    public required string Initrd { get; init; }
    /// <summary>The raw data-root disk (virtio-blk, /dev/vda in the VM).</summary>
    public required string DataDisk { get; init; }
    /// <summary>Where the serial console goes.</summary>
    public required string ConsoleLog { get; init; }
    /// <summary>Time limit of the whole run.</summary>
    public required TimeSpan Timeout { get; init; }
    /// <summary>
    /// With ports, the VM's network reaches only these loopback services of the host (as 10.0.2.100:port) and nothing else;
    /// without, qemu's ordinary user network (an interactive session may want to fetch things).
    /// </summary>
    public IReadOnlyList<int> HostServices { get; init; } = [];
}

/// <summary>Runs qemu: a smoke run with its console logged and a time limit, or an interactive console.</summary>
public static class VirtualMachine
{
    /// <summary>qemu's arguments: no display, serial on stdio, user-mode network, data disk, no reboot (the init's poweroff ends qemu).</summary>
    public static IReadOnlyList<string> Arguments(VmLaunch launch) =>
    [
        "-M", launch.Qemu.Machine, "-cpu", launch.Qemu.Cpu, "-smp", launch.Qemu.Cpus.ToString(), "-m", launch.Qemu.MemoryMb.ToString(),
        "-nographic", "-no-reboot", "-kernel", launch.Kernel, "-initrd", launch.Initrd, "-append", launch.Qemu.Append,
        "-drive", $"file={launch.DataDisk},format=raw,if=virtio", "-nic", Network(launch.HostServices),
    ];

    /// <summary>Where the VM reaches the forwarded host services (qemu refuses a guestfwd on the host alias 10.0.2.2).</summary>
    public const string ServicesAddress = "10.0.2.100";

    /// <summary>
    /// The -nic value. restrict=on cuts the VM off from everything; each host service is then let in by a guestfwd
    /// whose command relays one connection to the host's loopback port (bash's /dev/tcp: no nc or socat needed).
    /// </summary>
    public static string Network(IReadOnlyList<int> hostServices) =>
        hostServices.Count == 0 ? "user,model=virtio-net-pci"
            : "user,model=virtio-net-pci,restrict=on" + string.Concat(hostServices.Select(port =>
                $",guestfwd=tcp:{ServicesAddress}:{port}-cmd:bash -c 'exec 3<>/dev/tcp/127.0.0.1/{port}; cat <&3 & exec cat >&3'"));

    /// <summary>Boots, waits for the VM to power off, returns the console lines; fails with the last lines when the time limit passes.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(VmLaunch launch, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(launch.Timeout);
        if (File.Exists(launch.ConsoleLog)) File.Delete(launch.ConsoleLog);
        try
        {
            // ProcessRunner's cancellation kills qemu's process tree, on Ctrl-C as on the time limit.
            await ProcessRunner.RunAsync(launch.Qemu.Executable, Arguments(launch),
                new ProcessOptions { LogFile = launch.ConsoleLog, AllowFailure = true, StandardInput = "" }, limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BuildException($"The virtual board did not finish within {launch.Timeout.TotalSeconds:0} s; console log: {launch.ConsoleLog}; last lines:\n"
                                     + string.Join("\n", File.ReadLines(launch.ConsoleLog).TakeLast(20).Select(l => "    " + l)));
        }
        return File.ReadAllLines(launch.ConsoleLog);
    }

    /// <summary>Boots with the console on this terminal (Ctrl-A X leaves qemu) until the VM powers off or Ctrl-C.</summary>
    public static async Task RunInteractiveAsync(VmLaunch launch, CancellationToken ct)
    {
        var start = new ProcessStartInfo(launch.Qemu.Executable) { UseShellExecute = false };
        foreach (var argument in Arguments(launch)) start.ArgumentList.Add(argument);
        using var qemu = Process.Start(start) ?? throw new BuildException($"Cannot start {launch.Qemu.Executable}; ./build.sh Doctor lists what is missing.");
        await using var kill = ct.Register(() => qemu.Kill(entireProcessTree: true));
        await qemu.WaitForExitAsync(CancellationToken.None);
        ct.ThrowIfCancellationRequested();
    }
}
