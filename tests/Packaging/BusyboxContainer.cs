using System.Formats.Tar;
using System.Text;

namespace EdgeBuild.Tests.Packaging;

/// <summary>
/// A long-running container on the real Docker engine from an image made by `docker import` of a busybox-static
/// rootfs (no registry needed), with the capabilities mount and ip rule need. Removed, with its image, on dispose.
/// </summary>
public sealed class BusyboxContainer : IAsyncDisposable
{
    private readonly string _image;
    private readonly string _id;

    private BusyboxContainer(string image, string id) { _image = image; _id = id; }

    /// <summary>Builds the image from busybox plus <paramref name="files"/> (path → content, mode) and starts a container.</summary>
    public static async Task<BusyboxContainer> StartAsync(IReadOnlyDictionary<string, (string Content, UnixFileMode Mode)> files)
    {
        const string busybox = "/bin/busybox";
        if (!File.Exists(busybox)) throw new InvalidOperationException("/bin/busybox is missing: apt-get install busybox-static.");
        var applets = (await Processes.TextAsync(busybox, ["--list"])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var rootfs = new MemoryStream();
        using (var tar = new TarWriter(rootfs, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var dir in new[] { "bin/", "etc/", "proc/", "sys/", "dev/", "tmp/" })
                tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, dir) { Mode = (UnixFileMode)0b111_101_101 });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = (UnixFileMode)0b111_101_101, DataStream = File.OpenRead(busybox) });
            foreach (var applet in applets.Where(a => a != "busybox"))
                tar.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox" });
            foreach (var (path, (content, mode)) in files)
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, path.TrimStart('/')) { Mode = mode, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
        }
        var image = $"edge-packaging-test:{Guid.NewGuid():N}";
        var (code, _, error) = await Processes.RunAsync("docker", ["import", "-", image], input: rootfs.ToArray());
        if (code != 0) throw new InvalidOperationException($"docker import failed ({error.Trim()}). Is a Docker engine running and DOCKER_HOST set? (apt-get install docker.io)");
        var id = (await Processes.TextAsync("docker", ["run", "-d", "-e", "PATH=/bin", "--cap-add", "SYS_ADMIN", "--cap-add", "NET_ADMIN",
            "--security-opt", "apparmor=unconfined", "--security-opt", "seccomp=unconfined", image, "/bin/sleep", "600"])).Trim();
        return new BusyboxContainer(image, id);
    }

    /// <summary>Runs a shell command inside; returns exit code, stdout and stderr.</summary>
    public async Task<(int Code, string Output, string Error)> ShellAsync(string command)
    {
        var (code, output, error) = await Processes.RunAsync("docker", ["exec", _id, "/bin/sh", "-c", command]);
        return (code, Encoding.UTF8.GetString(output), error);
    }

    public async ValueTask DisposeAsync()
    {
        await Processes.RunAsync("docker", ["rm", "-f", _id]);
        await Processes.RunAsync("docker", ["rmi", "-f", _image]);
    }
}
