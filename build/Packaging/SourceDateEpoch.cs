using EdgeBuild.Tooling;

namespace EdgeBuild.Packaging;

/// <summary>The one timestamp every archive entry carries (reproducible-builds.org SOURCE_DATE_EPOCH).</summary>
public static class SourceDateEpoch
{
    /// <summary>The explicit value when given, else the last commit's time of <paramref name="repository"/>, else 0.</summary>
    public static async Task<long> ResolveAsync(string? explicitValue, string repository, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(explicitValue))
            return long.TryParse(explicitValue, out var seconds) && seconds >= 0 ? seconds
                : throw new Reporting.BuildException($"SOURCE_DATE_EPOCH '{explicitValue}' is not a number of seconds since 1970; give e.g. --source-date-epoch 1700000000.");
        var result = await ProcessRunner.RunAsync("git", ["-C", repository, "log", "-1", "--format=%ct"],
            new ProcessOptions { CaptureOutput = true, AllowFailure = true }, ct);
        // Outside a git checkout (a source tarball) nothing better than the epoch itself is stable.
        return result.ExitCode == 0 && long.TryParse(result.StandardOutput.Trim(), out var commit) ? commit : 0;
    }
}
