using EdgeBuild.Tests.Support;
using EdgeBuild.Containers;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.KubeEdge.Fixtures;

/// <summary>
/// A stand-in for the golang:&lt;ver&gt; image with no registry: busybox plus the host's own Go (golang-go's GOROOT and
/// the libc its `go` command needs), imported once per engine with `docker import`.
/// </summary>
public static class HostGoImage
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _image;

    /// <summary>The image's reference, importing it when the engine lacks it.</summary>
    public static async Task<string> EnsureAsync()
    {
        await Gate.WaitAsync();
        try { return _image ??= await ImportAsync(); }
        finally { Gate.Release(); }
    }

    private static async Task<string> ImportAsync()
    {
        await DockerEngine.RequireAsync();
        RequiredTool.Path("docker", "docker.io");
        var busybox = RequiredTool.Path("busybox", "busybox-static");
        var go = RequiredTool.Path("go", "golang-go");
        var goVersion = await GoToolchainProbe.HostVersionAsync(CancellationToken.None);
        var goRoot = await ProcessRunner.OutputOfAsync(go, ["env", "GOROOT"]);
        var image = $"edge-build-test/host-go:{goVersion}";
        if ((await ProcessRunner.RunAsync("docker", ["image", "inspect", image], new ProcessOptions { AllowFailure = true, CaptureOutput = true })).ExitCode == 0)
            return image;

        using var staging = new TempDirectory();
        Directory.CreateDirectory(staging["rootfs/bin"]);
        Directory.CreateDirectory(staging["rootfs/tmp"]);
        File.Copy(busybox, staging["rootfs/bin/busybox"]);
        foreach (var applet in new[] { "sh", "stat", "chown", "echo", "cat", "ls", "sleep", "env", "mkdir", "rm" })
            File.CreateSymbolicLink(staging[$"rootfs/bin/{applet}"], "busybox");
        var root = goRoot.TrimStart('/');
        // -h stores what symlinks point at (Debian's GOROOT links src and include into /usr/share); tests and testdata stay out.
        string[] hostFiles =
        [
            $"{root}/bin", $"{root}/VERSION", $"{root}/src", $"{root}/pkg/include",
            .. new[] { "compile", "asm", "link", "buildid", "pack", "cgo" }.Select(t => $"{root}/pkg/tool/linux_amd64/{t}"),
            .. (await ProcessRunner.OutputOfAsync("sh", ["-c", $"ldd {go} | grep -o '/[^ ]*'"])).Split('\n').Select(l => l.Trim().TrimStart('/')),
        ];
        var tarball = staging["rootfs.tar"];
        await ProcessRunner.RunAsync("tar", ["-cf", tarball, "-C", staging["rootfs"], "."]);
        await ProcessRunner.RunAsync("tar", ["-rhf", tarball, "--exclude=*_test.go", "--exclude=testdata", "-C", "/", .. hostFiles]);
        await ProcessRunner.RunAsync("docker", ["import", "--change", $"ENV PATH=/{root}/bin:/bin", "--change", $"ENV GOROOT=/{root}", tarball, image]);
        return image;
    }
}
