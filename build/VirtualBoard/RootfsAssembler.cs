using System.Text.Json.Nodes;
using EdgeBuild.Extraction;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.VirtualBoard;

/// <summary>What goes into the virtual board's initramfs.</summary>
public sealed record RootfsInputs
{
    /// <summary>The sidecar tarball, unpacked at / as on the device.</summary>
    public required string Sidecar { get; init; }
    /// <summary>The unpacked kernel package (boot/, lib/modules/).</summary>
    public required AbsolutePath Kernel { get; init; }
    /// <summary>Module paths relative to lib/modules, in load order.</summary>
    public required IReadOnlyList<string> Modules { get; init; }
    /// <summary>Unpacked Debian Docker packages to place over the sidecar's Docker binaries, or null for the sidecar's own.</summary>
    public AbsolutePath? DockerStandIn { get; init; }
    /// <summary>Binaries of the stand-in (paths inside it).</summary>
    public IReadOnlyList<string> StandInBinaries { get; init; } = [];
    /// <summary>targets/virtual-board: init.sh and smoke.sh.</summary>
    public required AbsolutePath ScriptsDirectory { get; init; }
    /// <summary>Smoke steps to run (empty: all of them, in the script's order).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];
    /// <summary>"smoke" or "shell".</summary>
    public required string Mode { get; init; }
    /// <summary>Port of the host-side service (reached as 10.0.2.100 from the VM).</summary>
    public required int HostPort { get; init; }
    /// <summary>What the host-side service answers.</summary>
    public required string HostToken { get; init; }
    /// <summary>Port of the cloudcore stub on the host side (10.0.2.100).</summary>
    public required int CloudcorePort { get; init; }
    /// <summary>A host loopback service the VM is not given: the smoke script checks it cannot reach it (0: no check).</summary>
    public int UnforwardedPort { get; init; }
}

/// <summary>Lays out the device's root (sidecar at /, kernel modules and config, the stand-in, /init and /vm/) and packs it as a newc cpio.</summary>
public static class RootfsAssembler
{
    /// <summary>The image tag the smoke script runs.</summary>
    public const string ImageTag = "virtual-board/busybox:smoke";

    /// <summary>Builds <paramref name="staging"/> and writes <paramref name="initrd"/>; returns the sidecar's data root (from its daemon.json).</summary>
    public static async Task<string> AssembleAsync(RootfsInputs inputs, AbsolutePath staging, AbsolutePath initrd, CancellationToken ct)
    {
        if (staging.DirectoryExists()) Directory.Delete(staging, recursive: true);
        staging.CreateDirectory();
        await SafeExtractor.ExtractAsync(inputs.Sidecar, staging, ct);
        var busybox = staging / "system" / "bin" / "busybox";
        if (!busybox.FileExists()) throw new BuildException($"{inputs.Sidecar} has no system/bin/busybox; the virtual board's init is the sidecar's busybox. Rebuild it with ./build.sh Sidecar.");
        var dataRoot = DataRoot(staging / "etc" / "docker" / "daemon.json", inputs.Sidecar);

        foreach (var module in inputs.Modules) CopyFile(inputs.Kernel / "lib" / "modules" / module, staging / "lib" / "modules" / module);
        foreach (var config in Directory.GetFiles(inputs.Kernel / "boot", "config-*")) CopyFile(config, staging / "boot" / Path.GetFileName(config));
        if (inputs.DockerStandIn is { } standIn) PlaceStandIn(standIn, inputs.StandInBinaries, staging);

        CopyFile(inputs.ScriptsDirectory / "init.sh", staging / "init");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(staging / "init", Mode("755"));
        var vm = (staging / "vm").CreateDirectory();
        CopyFile(inputs.ScriptsDirectory / "smoke.sh", vm / "smoke.sh");
        await File.WriteAllTextAsync(vm / "mode", inputs.Mode + "\n", ct);
        await File.WriteAllTextAsync(vm / "steps", string.Join(" ", inputs.Steps) + "\n", ct);
        await File.WriteAllTextAsync(vm / "data-root", dataRoot + "\n", ct);
        await File.WriteAllTextAsync(vm / "host-port", inputs.HostPort + "\n", ct);
        await File.WriteAllTextAsync(vm / "host-token", inputs.HostToken + "\n", ct);
        await File.WriteAllTextAsync(vm / "cloudcore-port", inputs.CloudcorePort + "\n", ct);
        await File.WriteAllTextAsync(vm / "unforwarded-port", inputs.UnforwardedPort + "\n", ct);
        await File.WriteAllLinesAsync(vm / "modules", inputs.Modules, ct);
        await BusyboxImageArchive.WriteAsync(busybox, ImageTag, vm / "busybox-image.tar", ct);

        var list = await ProcessRunner.OutputOfAsync("find", ["."], new ProcessOptions { WorkingDirectory = staging }, ct);
        await ProcessRunner.RunAsync("cpio", ["--quiet", "-o", "-H", "newc", "-R", "0:0", "-O", initrd],
            new ProcessOptions { WorkingDirectory = staging, StandardInput = list + "\n" }, ct);
        return dataRoot;
    }

    // Debian's binaries keep their names in system/bin; every library goes to /lib/<triplet>, which the dynamic
    // loader searches by default and which setup-docker.sh's bind mount over /usr would hide if it stayed in /usr/lib.
    private static void PlaceStandIn(AbsolutePath standIn, IReadOnlyList<string> binaries, AbsolutePath staging)
    {
        foreach (var binary in binaries)
        {
            var source = new FileInfo(standIn / binary);
            var resolved = source.LinkTarget is null ? source.FullName : source.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
            if (!File.Exists(resolved)) throw new BuildException($"The Docker stand-in has no {binary}; check dockerStandIn.binaries in the virtual board's definition.");
            CopyFile(resolved, staging / "system" / "bin" / Path.GetFileName(binary));
        }
        foreach (var libDir in new[] { standIn / "lib" / "aarch64-linux-gnu", standIn / "usr" / "lib" / "aarch64-linux-gnu" })
        {
            if (!libDir.DirectoryExists()) continue;
            foreach (var entry in new DirectoryInfo(libDir).EnumerateFileSystemInfos().Where(e => e.Name.Contains(".so")))
            {
                var target = staging / "lib" / "aarch64-linux-gnu" / entry.Name;
                Directory.CreateDirectory(target.Parent);
                if (entry.LinkTarget is { } link) { File.Delete(target); File.CreateSymbolicLink(target, link); }
                else if (entry is FileInfo) File.Copy(entry.FullName, target, overwrite: true);
            }
        }
        File.CreateSymbolicLink(staging / "lib" / "ld-linux-aarch64.so.1", "aarch64-linux-gnu/ld-linux-aarch64.so.1");
    }

    private static string DataRoot(AbsolutePath daemonJson, string sidecar)
    {
        if (!daemonJson.FileExists()) throw new BuildException($"{sidecar} has no etc/docker/daemon.json; rebuild it with ./build.sh Sidecar.");
        return JsonNode.Parse(File.ReadAllText(daemonJson))?["data-root"]?.GetValue<string>()
               ?? throw new BuildException($"{sidecar}'s etc/docker/daemon.json names no data-root; rebuild it with ./build.sh Sidecar --data-root DIR.");
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
