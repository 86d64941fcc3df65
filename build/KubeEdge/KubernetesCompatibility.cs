using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>How a Kubernetes version fits a KubeEdge release, by the release's compatibility matrix.</summary>
public enum CompatibilityVerdict
{
    /// <summary>Marked ✓: exactly compatible.</summary>
    Exact,
    /// <summary>Marked +: works, though KubeEdge may use API objects this Kubernetes lacks.</summary>
    Partial,
    /// <summary>Not in the matrix, or marked -.</summary>
    Outside,
}

/// <summary>Checks --kubernetes-version against KubeEdge's compatibility matrix (targets/kubeedge/versions.json).</summary>
public static class KubernetesCompatibility
{
    /// <summary>The verdict for <paramref name="kubernetesVersion"/> ("1.21" or "1.21.0" or "v1.21.0").</summary>
    public static CompatibilityVerdict Judge(KubeEdgeRelease release, string kubernetesVersion)
    {
        var minor = MinorOf(kubernetesVersion);
        var range = release.Series.Kubernetes;
        if (minor >= MinorOf(range.Exact[0]) && minor <= MinorOf(range.Exact[1])) return CompatibilityVerdict.Exact;
        if (range.PartialFrom is { } from && minor >= MinorOf(from) && minor < MinorOf(range.Exact[0])) return CompatibilityVerdict.Partial;
        return CompatibilityVerdict.Outside;
    }

    /// <summary>Logs a warning when the pair is not exactly compatible; with <paramref name="strict"/>, fails instead.</summary>
    public static CompatibilityVerdict Check(KubeEdgeRelease release, string kubernetesVersion, bool strict)
    {
        var verdict = Judge(release, kubernetesVersion);
        if (verdict == CompatibilityVerdict.Exact) return verdict;
        var range = release.Series.Kubernetes;
        var message = $"Kubernetes {kubernetesVersion} is {(verdict == CompatibilityVerdict.Partial ? "only partly compatible ('+': KubeEdge may use API objects it lacks)" : "outside the compatibility matrix")} " +
            $"of KubeEdge {release.Version}: exactly compatible are {range.Exact[0]} to {range.Exact[1]} ({range.Source}). " +
            "Choose a matching --kubernetes-version or --kubeedge-version.";
        if (strict) throw new BuildException(message + " (--strict makes this an error.)");
        BuildReport.Current.Warning(message);
        return verdict;
    }

    private static Version MinorOf(string version)
    {
        var text = version.Trim().TrimStart('v', 'V');
        var parts = text.Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor))
            throw new BuildException($"Kubernetes version '{version}' is not like 1.21 or 1.21.0.");
        return new Version(major, minor);
    }
}
