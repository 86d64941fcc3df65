using EdgeBuild.Kernel;
using EdgeBuild.Tooling;

namespace EdgeBuild.VirtualBoard;

/// <summary>Where a virtual-board run reads and writes.</summary>
public sealed record VirtualBoardRequest
{
    /// <summary>targets/virtual-board/&lt;name&gt;.json.</summary>
    public required AbsolutePath Definition { get; init; }
    /// <summary>The sidecar tarball to unpack at /.</summary>
    public required string Sidecar { get; init; }
    /// <summary>targets/ (kernel requirements for the host-side check).</summary>
    public required AbsolutePath TargetsDirectory { get; init; }
    /// <summary>The .deb cache.</summary>
    public required AbsolutePath PackageCache { get; init; }
    /// <summary>Scratch space (kernel, stand-in, initramfs, data disk).</summary>
    public required AbsolutePath WorkDirectory { get; init; }
    /// <summary>artifacts/&lt;board&gt;/logs/virtual-board-console.log.</summary>
    public required AbsolutePath ConsoleLog { get; init; }
    /// <summary>Use Debian's Docker packages in place of the sidecar's Docker binaries.</summary>
    public bool DockerStandIn { get; init; }
    /// <summary>Smoke steps to run (empty: all).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];
    /// <summary>An interactive console instead of the smoke script.</summary>
    public bool Shell { get; init; }
}

/// <summary>What a smoke run showed.</summary>
public sealed record VirtualBoardResult(SmokeReport Report, string KernelPackage, IReadOnlyList<string> KernelCheckDisagreements, string ConsoleLog,
    IReadOnlyList<string> CloudcoreAttempts);

/// <summary>Fetches the kernel (and the Docker stand-in), assembles the root and the data disk, boots the VM and reads the smoke results.</summary>
public static class VirtualBoardRunner
{
    /// <summary>One run; null for a shell session.</summary>
    public static async Task<VirtualBoardResult?> RunAsync(VirtualBoardRequest request, CancellationToken ct)
    {
        var definition = VirtualBoardDefinition.Load(request.Definition);
        var apt = new AptAnswers(request.PackageCache / "apt-answers.json");
        var kernelPackage = await DebianPackages.ResolveAsync(definition.KernelPackage, definition.Arch, apt, ct);
        var kernelDebs = await DebianPackages.DownloadAsync([kernelPackage], definition.Arch, request.PackageCache, apt, ct);
        var kernel = await UnpackOnceAsync(kernelDebs, request.WorkDirectory / "kernel", ct);
        var modules = await KernelModules.LoadOrderAsync(kernel / "lib" / "modules", definition.Modules, ct);
        AbsolutePath? standIn = null;
        if (request.DockerStandIn)
            standIn = await UnpackOnceAsync(await DebianPackages.DownloadAsync(definition.DockerStandIn.Packages, definition.Arch, request.PackageCache, apt, ct),
                request.WorkDirectory / "docker-stand-in", ct);

        // edgecore's cloudcore: the smoke script sends the connections to the address in the sidecar's edgecore.yaml here.
        await using var cloudcore = new CloudcoreStub();
        await using var host = new HostTokenServer(new Dictionary<string, Func<string>> { ["/cloudcore"] = cloudcore.Describe });
        // Listening on the host but not forwarded: the smoke run shows the VM cannot reach it.
        await using var unforwarded = new HostTokenServer();
        var initrd = request.WorkDirectory / "initrd.cpio";
        await RootfsAssembler.AssembleAsync(new RootfsInputs
        {
            Sidecar = request.Sidecar, Kernel = kernel, Modules = modules, DockerStandIn = standIn,
            StandInBinaries = definition.DockerStandIn.Binaries, ScriptsDirectory = request.Definition.Parent,
            Mode = request.Shell ? "shell" : "smoke", Steps = request.Steps, HostPort = host.Port, HostToken = host.Token, CloudcorePort = cloudcore.Port,
            UnforwardedPort = request.Shell ? 0 : unforwarded.Port,
        }, request.WorkDirectory / "root", initrd, ct);
        var disk = await DataDisk.CreateAsync(request.WorkDirectory / "data-root.img", definition.DataDiskMb, ct);
        var launch = new VmLaunch
        {
            Qemu = definition.Qemu, Kernel = Directory.GetFiles(kernel / "boot", "vmlinuz-*").Single(), Initrd = initrd, DataDisk = disk,
            ConsoleLog = request.ConsoleLog, Timeout = TimeSpan.FromSeconds(definition.TimeoutSeconds),
            HostServices = request.Shell ? [] : [host.Port, cloudcore.Port],
        };
        if (request.Shell)
        {
            await VirtualMachine.RunInteractiveAsync(launch, ct);
            return null;
        }
        var report = SmokeReport.Parse(await VirtualMachine.RunAsync(launch, ct));
        var config = Directory.GetFiles(kernel / "boot", "config-*").Single();
        var hostCheck = KernelConfigChecker.FromTargets(request.TargetsDirectory).Check(KernelConfigReader.Read(config), null);
        return new VirtualBoardResult(report, kernelPackage, report.KernelCheckDisagreements(hostCheck), request.ConsoleLog, cloudcore.Attempts);
    }

    // The .deb names are the key: a new kernel ABI or package version unpacks afresh.
    private static async Task<AbsolutePath> UnpackOnceAsync(IReadOnlyList<string> debs, AbsolutePath directory, CancellationToken ct)
    {
        var stamp = directory / ".debs";
        var key = string.Join("\n", debs.Select(Path.GetFileName));
        if (stamp.FileExists() && await File.ReadAllTextAsync(stamp, ct) == key) return directory;
        if (directory.DirectoryExists()) Directory.Delete(directory, recursive: true);
        await DebianPackages.ExtractAsync(debs, directory, ct);
        await File.WriteAllTextAsync(stamp, key, ct);
        return directory;
    }
}
