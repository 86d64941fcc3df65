using EdgeBuild.Tooling;

namespace EdgeBuild.VirtualBoard;

/// <summary>The data-root disk: a sparse raw image formatted f2fs, as the SD card setup-docker.sh mounts on the device.</summary>
public static class DataDisk
{
    /// <summary>Creates a fresh <paramref name="sizeMb"/> MiB f2fs image at <paramref name="path"/> (mkfs.f2fs from f2fs-tools).</summary>
    public static async Task<string> CreateAsync(AbsolutePath path, int sizeMb, CancellationToken ct)
    {
        path.Parent.CreateDirectory();
        await using (var image = File.Create(path)) image.SetLength(sizeMb * 1024L * 1024L);
        await ProcessRunner.RunAsync("mkfs.f2fs", ["-q", "-f", "-l", "data-root", path], cancellationToken: ct);
        return path;
    }
}
