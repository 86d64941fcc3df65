using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>Generates the device's configuration files from parameters and the board definition.</summary>
public static class DeviceConfigs
{
    /// <summary>
    /// /etc/docker/daemon.json: overlay2 (what the tutorial runs; it needs an unencrypted backing filesystem, hence
    /// the f2fs data root), the data root and the registry mirrors. Keys are written in a fixed order.
    /// </summary>
    public static string DaemonJson(string dataRoot, IReadOnlyList<string> registryMirrors)
    {
        if (!dataRoot.StartsWith('/')) throw new BuildException($"--data-root '{dataRoot}' must be an absolute path on the device, like /mnt/f2fs.");
        foreach (var mirror in registryMirrors)
            if (!Uri.TryCreate(mirror, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                throw new BuildException($"--registry-mirrors entry '{mirror}' is not an http(s) URL, like https://mirror.example.com.");
        var json = new JsonObject
        {
            ["data-root"] = dataRoot,
            ["storage-driver"] = "overlay2",
            ["registry-mirrors"] = new JsonArray([.. registryMirrors.Select(m => (JsonNode)JsonValue.Create(m))]),
            ["experimental"] = false,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>/usr/lib/os-release (os-release(5)): the board's fields plus VERSION_ID, values quoted.</summary>
    public static string OsRelease(IReadOnlyDictionary<string, string> fields, string versionId)
    {
        var all = fields.Where(f => f.Key != "VERSION_ID").Append(new("VERSION_ID", versionId));
        return string.Concat(all.Select(f => $"{f.Key}=\"{f.Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("$", "\\$").Replace("`", "\\`")}\"\n"));
    }
}
