using EdgeBuild.Tooling;

namespace EdgeBuild.KubeEdge;

/// <summary>Which Go is on PATH, and whether it can build a given KubeEdge release.</summary>
public static class GoToolchainProbe
{
    /// <summary>The version of `go` on PATH (1.19.8), or null when there is none.</summary>
    public static async Task<Version?> HostVersionAsync(CancellationToken ct)
    {
        if (ProcessRunner.Which("go") is null) return null;
        var output = await ProcessRunner.OutputOfAsync("go", ["env", "GOVERSION"], new ProcessOptions { AllowFailure = true }, ct);
        return Parse(output);
    }

    /// <summary>"go1.19.8" or "1.22" → a version; null when it is not one.</summary>
    public static Version? Parse(string text)
    {
        var core = new string(text.Trim().TrimStart('g', 'o').TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        return Version.TryParse(core.Count(c => c == '.') == 0 ? core + ".0" : core, out var v) ? v : null;
    }

    /// <summary>True when <paramref name="go"/> is at least the release's minimum Go.</summary>
    public static bool CanBuild(Version? go, KubeEdgeRelease release) => go is not null && go >= Parse(release.Series.GoMinimum);
}
