using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>
/// Free space on an engine's data root, as df sees it on the engine's host: the engine API reports none (/info and
/// /system/df give what is used, not what is left), so a short-lived container from an image the engine already has
/// mounts the data root read-only and runs df on it. No image is pulled for this: an engine without one says so.
/// </summary>
public static class DataRootFreeSpace
{
    private const string Mount = "/edge-build-data-root";

    /// <summary>Free bytes there, or null with the reason it could not be read.</summary>
    public static async Task<(long? FreeBytes, string? Problem)> ReadAsync(DockerClient client, string dataRoot, string? preferredImage, CancellationToken ct)
    {
        var image = await ImageAsync(client, preferredImage, ct).ConfigureAwait(false);
        if (image is null) return (null, "the engine has no image yet to run df in");
        var lines = new List<string>();
        try
        {
            await new ContainerRunner(client).RunAsync(new ContainerSpec
            {
                Image = image, Command = ["df", "-Pk", Mount], Binds = new Dictionary<string, string> { [dataRoot] = $"{Mount}:ro" },
                NamePrefix = "edge-build-df", OutputLevel = LogLevel.Debug, OnLine = l => { lock (lines) lines.Add(l); },
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BuildException or DockerApiException)
        {
            return (null, $"df in {image} failed ({e.Message.Split('\n')[0]})");
        }
        return AvailableBytes(lines, Mount) is { } free ? (free, null) : (null, $"df in {image} said: {string.Join(" / ", lines)}");
    }

    /// <summary>The available bytes in <c>df -Pk</c>'s line for <paramref name="mount"/>, or null when there is none.</summary>
    public static long? AvailableBytes(IReadOnlyList<string> dfLines, string mount)
    {
        var fields = dfLines.LastOrDefault(l => l.TrimEnd().EndsWith(mount, StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 4 } && long.TryParse(fields[3], out var kib) ? kib << 10 : null;
    }

    // The preferred image when the engine has it, else the smallest tagged one (likely a plain base image with df).
    private static async Task<string?> ImageAsync(DockerClient client, string? preferred, CancellationToken ct)
    {
        if (preferred is not null)
            try { await client.Images.InspectImageAsync(preferred, ct).ConfigureAwait(false); return preferred; }
            catch (DockerImageNotFoundException) { }
        var images = await client.Images.ListImagesAsync(new ImagesListParameters(), ct).ConfigureAwait(false);
        return images.Where(i => i.RepoTags is { Count: > 0 } && i.RepoTags[0] != "<none>:<none>").OrderBy(i => i.Size).FirstOrDefault()?.RepoTags[0];
    }
}
