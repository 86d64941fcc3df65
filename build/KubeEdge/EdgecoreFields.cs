using System.Text.Json;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>One edgecore.yaml family: its apiVersion and the YAML path of each setting the build writes.</summary>
public sealed record EdgecoreFieldFamily(string ApiVersion, IReadOnlyDictionary<string, string> Fields);

/// <summary>The edgecore.yaml field names per version family, from targets/kubeedge/edgecore-fields.json.</summary>
public sealed record EdgecoreFields(IReadOnlyDictionary<string, EdgecoreFieldFamily> Families, IReadOnlyDictionary<string, int> Ports)
{
    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    /// <summary>Loads edgecore-fields.json from <paramref name="directory"/> (targets/kubeedge).</summary>
    public static EdgecoreFields Load(string directory)
    {
        var path = Path.Combine(directory, "edgecore-fields.json");
        return DataJson.Read<EdgecoreFields>(path, "edgecore field list");
    }

    /// <summary>The family a release uses, failing with the known ones.</summary>
    public EdgecoreFieldFamily For(KubeEdgeRelease release) => Families.TryGetValue(release.Series.Config, out var family) ? family
        : throw new BuildException($"KubeEdge {release.Series.Minor} uses edgecore.yaml family '{release.Series.Config}', not in edgecore-fields.json (known: {string.Join(", ", Families.Keys)}).");
}
