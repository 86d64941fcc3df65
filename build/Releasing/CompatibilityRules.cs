using System.Text.Json;
using EdgeBuild.Packaging;

namespace EdgeBuild.Releasing;

/// <summary>
/// What the data says does not work, checked before a pin is bumped: a KubeEdge series missing from
/// targets/kubeedge/versions.json or whose edge runtime is not Docker (dockershim left in 1.14) while the sidecar
/// ships Docker; a KubeEdge series whose Kubernetes range (the compatibility matrix) excludes the cloud's
/// Kubernetes, when that is known; a Docker version outside every known static file set.
/// </summary>
public sealed class CompatibilityRules(string? kubeEdgeVersionsFile, DockerStaticFileSets? dockerFileSets, string? kubernetesVersion = null)
{
    /// <summary>Why <paramref name="version"/> of <paramref name="component"/> must not be pinned, or null when nothing refuses it.</summary>
    public string? Refusal(string component, string version)
    {
        if (component == "kubeedge" && kubeEdgeVersionsFile is not null && File.Exists(kubeEdgeVersionsFile))
        {
            var minor = string.Join('.', version.Split('.').Take(2));
            using var document = JsonDocument.Parse(File.ReadAllText(kubeEdgeVersionsFile), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var series = document.RootElement.GetProperty("series").EnumerateArray()
                .FirstOrDefault(s => s.GetProperty("minor").GetString() == minor);
            if (series.ValueKind == JsonValueKind.Undefined)
                return $"KubeEdge {minor} is not in {Path.GetFileName(kubeEdgeVersionsFile)} (its Go, runc, config family and Kubernetes range are unknown); add the series first";
            var runtime = series.TryGetProperty("runtime", out var r) ? r.GetString() : null;
            if (runtime != "docker")
                return $"KubeEdge {minor}'s edge runtime is '{runtime}' in {Path.GetFileName(kubeEdgeVersionsFile)}: dockershim is gone, and the sidecar runs Docker";
            if (kubernetesVersion is not null && series.TryGetProperty("kubernetes", out var k8s) && k8s.TryGetProperty("exact", out var range)
                && range.GetArrayLength() == 2 && Minor(kubernetesVersion) is { } cloud
                && (cloud < Minor(range[0].GetString()!) || cloud > Minor(range[1].GetString()!)))
                return $"KubeEdge {minor} supports Kubernetes {range[0].GetString()} to {range[1].GetString()} (compatibility matrix in {Path.GetFileName(kubeEdgeVersionsFile)}); the cloud runs {kubernetesVersion}";
        }
        if (component == "docker-static" && dockerFileSets is not null)
        {
            try { dockerFileSets.For(version); }
            catch (Reporting.BuildException e) { return e.Message; }
        }
        return null;
    }

    private static Version? Minor(string version) =>
        Version.TryParse(string.Join('.', version.TrimStart('v').Split('.').Take(2)), out var v) ? v : null;
}
