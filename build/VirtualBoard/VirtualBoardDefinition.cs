using System.Text.Json;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.VirtualBoard;

/// <summary>targets/virtual-board/&lt;name&gt;.json: the kernel package, qemu settings, the modules to load and the Docker stand-in.</summary>
public sealed record VirtualBoardDefinition
{
    /// <summary>Debian package (or metapackage) holding vmlinuz and the modules.</summary>
    public required string KernelPackage { get; init; }
    /// <summary>Debian architecture of the kernel and the stand-in packages.</summary>
    public required string Arch { get; init; }
    /// <summary>How qemu runs the VM.</summary>
    public required QemuSettings Qemu { get; init; }
    /// <summary>Time limit of one smoke run, boot included.</summary>
    public int TimeoutSeconds { get; init; } = 600;
    /// <summary>Size of the f2fs data-root disk.</summary>
    public int DataDiskMb { get; init; } = 1024;
    /// <summary>Modules the init loads (their dependencies are added and loaded first).</summary>
    public required IReadOnlyList<string> Modules { get; init; }
    /// <summary>Debian's Docker packages used in place of the static tarball with --docker-stand-in.</summary>
    public required DockerStandIn DockerStandIn { get; init; }

    /// <summary>Reads targets/virtual-board/&lt;name&gt;.json.</summary>
    public static VirtualBoardDefinition Load(AbsolutePath file) =>
        file.FileExists()
            ? DataJson.Read<VirtualBoardDefinition>(file, "virtual board definition (see targets/virtual-board/debian-arm64.json)")
            : throw new BuildException($"Virtual board definition {file} does not exist; choose one of: {string.Join(", ", Directory.GetFiles(file.Parent, "*.json").Select(Path.GetFileNameWithoutExtension))}.");
}

/// <summary>qemu-system settings of the virtual board.</summary>
public sealed record QemuSettings
{
    /// <summary>The qemu-system binary.</summary>
    public required string Executable { get; init; }
    /// <summary>-M.</summary>
    public required string Machine { get; init; }
    /// <summary>-cpu.</summary>
    public required string Cpu { get; init; }
    /// <summary>-smp.</summary>
    public int Cpus { get; init; } = 2;
    /// <summary>-m, in MiB.</summary>
    public int MemoryMb { get; init; } = 1024;
    /// <summary>The kernel command line.</summary>
    public required string Append { get; init; }
}

/// <summary>Debian packages whose binaries stand in for Docker's static tarball.</summary>
public sealed record DockerStandIn
{
    /// <summary>Packages to download for the board's arch (binaries and every library they load).</summary>
    public required IReadOnlyList<string> Packages { get; init; }
    /// <summary>Paths inside the unpacked packages copied to system/bin under their own names.</summary>
    public required IReadOnlyList<string> Binaries { get; init; }
}
