using System.Text.Json;
using EdgeBuild.Tooling;

namespace EdgeBuild.KubeEdge;

/// <summary>Writes what PatchKubeEdge did as JSON (release, tree, each file's sha256 before and after) beside the artifacts.</summary>
public static class PatchRecord
{
    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    /// <summary>Writes the record to <paramref name="path"/>.</summary>
    public static void Write(string path, KubeEdgeSourceTree tree, IReadOnlyList<FileChange> changes) =>
        Files.WriteAtomically(path, JsonSerializer.Serialize(new
        {
            kubeedge = tree.Release.Version.ToString(),
            tree = tree.Root,
            changes = changes.Select(c => new { c.Patch, c.File, c.Sha256Before, c.Sha256After, c.Changed, c.Description }),
        }, Json));
}
