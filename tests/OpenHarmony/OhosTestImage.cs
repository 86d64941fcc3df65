using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Containers;
using EdgeBuild.Tooling;
using Shouldly;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>
/// A throw-away image made with docker import from a busybox-static rootfs (the machine has no registry access),
/// plus whatever files a test adds; removed again on dispose.
/// </summary>
public sealed class OhosTestImage : IAsyncDisposable
{
    /// <summary>The image reference.</summary>
    public string Tag { get; }

    private OhosTestImage(string tag) => Tag = tag;

    /// <summary>Fails with what to do when no engine answers (CI starts one; locally set DOCKER_HOST).</summary>
    public static async Task RequireEngineAsync()
    {
        var (version, problem) = await DockerEngine.ProbeAsync();
        version.ShouldNotBeNull($"These tests need a Docker engine: {problem}. Start dockerd (apt-get install docker.io) or set DOCKER_HOST.");
    }

    /// <summary>Builds the image; <paramref name="addFiles"/> writes extra files into the rootfs directory.</summary>
    public static async Task<OhosTestImage> CreateAsync(string name, Action<string> addFiles, CancellationToken ct)
    {
        await RequireEngineAsync();
        var busybox = ProcessRunner.Which("busybox");
        busybox.ShouldNotBeNull("busybox is not installed: apt-get install busybox-static (it is the test images' rootfs).");
        var work = Directory.CreateTempSubdirectory("ohos-image-").FullName;
        try
        {
            var root = Path.Combine(work, "rootfs");
            foreach (var dir in new[] { "bin", "tmp", "root", "etc", "usr/local/bin", "home" }) Directory.CreateDirectory(Path.Combine(root, dir));
            File.Copy(busybox, Path.Combine(root, "bin", "busybox"));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(root, "bin", "busybox"), (UnixFileMode)0b111_101_101);
            var applets = await ProcessRunner.OutputOfAsync(busybox, ["--list"], cancellationToken: ct);
            foreach (var applet in applets.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (applet != "busybox" && !applet.Contains('['))
                    File.CreateSymbolicLink(Path.Combine(root, "bin", applet), "busybox");
            File.WriteAllText(Path.Combine(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            addFiles(root);
            var tar = Path.Combine(work, "rootfs.tar");
            await ProcessRunner.RunAsync("tar", ["-C", root, "-cf", tar, "."], cancellationToken: ct);
            var tag = $"edge-build-test/{name}:{Guid.NewGuid().ToString("N")[..8]}";
            await ProcessRunner.RunAsync("docker", ["import", tar, tag], cancellationToken: ct);
            return new OhosTestImage(tag);
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    /// <summary>Containers (running or not) carrying <paramref name="label"/>=<paramref name="value"/>.</summary>
    public static async Task<IList<ContainerListResponse>> ContainersWithLabelAsync(DockerClient client, string label, string value) =>
        await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{label}={value}"] = true } },
        });

    public async ValueTask DisposeAsync()
    {
        using var client = DockerEngine.Connect();
        try { await client.Images.DeleteImageAsync(Tag, new ImageDeleteParameters { Force = true }); }
        catch (DockerApiException) { }
    }
}
