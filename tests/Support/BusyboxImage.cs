using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Support;

/// <summary>
/// A container image made here (no registry): a rootfs with the host's static busybox and its applet links,
/// loaded with `docker import`. Made once per engine; tests share it.
/// </summary>
public static class BusyboxImage
{
    /// <summary>The image reference.</summary>
    public const string Name = "edge-build-test/busybox:1";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes sure the engine has the image; fails saying what to install when busybox-static is absent.</summary>
    public static async Task<string> EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var present = await ProcessRunner.RunAsync("docker", ["image", "inspect", Name], new ProcessOptions { AllowFailure = true, CaptureOutput = true });
            if (present.ExitCode == 0) return Name;
            var busybox = "/bin/busybox";
            if (!File.Exists(busybox)) throw new InvalidOperationException("Tests need the static busybox: apt-get install busybox-static");
            using var dir = new TempDirectory();
            var rootfs = Directory.CreateDirectory(dir["rootfs"]).FullName;
            foreach (var d in new[] { "bin", "tmp", "proc", "sys", "dev", "etc", "work" }) Directory.CreateDirectory(Path.Combine(rootfs, d));
            File.Copy(busybox, Path.Combine(rootfs, "bin", "busybox"));
            var applets = await ProcessRunner.OutputOfAsync(busybox, ["--list"]);
            foreach (var applet in applets.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (applet != "busybox") File.CreateSymbolicLink(Path.Combine(rootfs, "bin", applet), "busybox");
            var tar = dir["rootfs.tar"];
            await ProcessRunner.RunAsync("tar", ["-C", rootfs, "-cf", tar, "."]);
            await ProcessRunner.RunAsync("docker", ["import", "--change", "ENV PATH=/bin", tar, Name]);
            return Name;
        }
        finally { Gate.Release(); }
    }
}
