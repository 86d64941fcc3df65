using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeBuild.VirtualBoard;

/// <summary>A `docker load` archive of a one-layer image holding the sidecar's static busybox, for a VM with no registry.</summary>
public static class BusyboxImageArchive
{
    // The applets the smoke script calls inside the container.
    private static readonly string[] Applets = ["sh", "ip", "grep", "wget", "httpd", "cat", "ls", "sleep"];

    /// <summary>Writes the archive of image <paramref name="tag"/> (busybox at /bin/busybox, /www/index.html saying virtual-board) to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(string busybox, string tag, string output, CancellationToken ct)
    {
        var layer = new MemoryStream();
        await using (var tar = new TarWriter(layer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var dir in new[] { "bin/", "www/", "tmp/" })
                await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.Directory, dir) { Mode = Mode("755") }, ct);
            await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, "bin/busybox")
                { Mode = Mode("755"), DataStream = File.OpenRead(busybox) }, ct);
            foreach (var applet in Applets)
                await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox", Mode = Mode("777") }, ct);
            await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, "www/index.html")
                { Mode = Mode("644"), DataStream = new MemoryStream("virtual-board\n"u8.ToArray()) }, ct);
        }
        var layerBytes = layer.ToArray();
        var diffId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(layerBytes));
        var config = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["architecture"] = "arm64", ["os"] = "linux",
            ["config"] = new JsonObject { ["Cmd"] = new JsonArray("sh"), ["Env"] = new JsonArray("PATH=/bin") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(diffId) },
        });
        var configName = Convert.ToHexStringLower(SHA256.HashData(config)) + ".json";
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new JsonArray(new JsonObject
        {
            ["Config"] = configName, ["RepoTags"] = new JsonArray(tag), ["Layers"] = new JsonArray("layer.tar"),
        }));
        await using var archive = new TarWriter(File.Create(output), TarEntryFormat.Ustar);
        foreach (var (name, bytes) in new[] { ("layer.tar", layerBytes), (configName, config), ("manifest.json", manifest) })
            await archive.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, name) { Mode = Mode("644"), DataStream = new MemoryStream(bytes) }, ct);
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
