using EdgeBuild.Tooling;

namespace EdgeBuild.Packaging;

/// <summary>The version, commit and timestamp a sidecar or bundle is stamped with.</summary>
public sealed record ReleaseIdentity(string Version, string? Commit, long Epoch)
{
    /// <summary>Explicit values win; otherwise `git describe --tags --always`, HEAD and the last commit's time; outside git: "0.0.0-local", none, 0.</summary>
    public static async Task<ReleaseIdentity> ResolveAsync(string? version, string? epoch, string repository, CancellationToken ct)
    {
        var resolvedEpoch = await SourceDateEpoch.ResolveAsync(epoch, repository, ct);
        var commit = await GitAsync(repository, ["rev-parse", "HEAD"], ct);
        var resolvedVersion = version ?? await GitAsync(repository, ["describe", "--tags", "--always"], ct) ?? "0.0.0-local";
        if (resolvedVersion.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+')))
            throw new Reporting.BuildException($"Release version '{resolvedVersion}' may only hold letters, digits and . - _ + (it becomes a file name); give one with --release-version.");
        return new ReleaseIdentity(resolvedVersion.TrimStart('v'), commit, resolvedEpoch);
    }

    private static async Task<string?> GitAsync(string repository, string[] args, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync("git", ["-C", repository, .. args], new ProcessOptions { CaptureOutput = true, AllowFailure = true }, ct);
        return result.ExitCode == 0 && result.StandardOutput.Trim() is { Length: > 0 } text ? text : null;
    }
}
