using EdgeBuild.Pins;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>
/// KubeEdge from git, identified by commit: GitHub's tag archives have no published checksum, but the commit a tag
/// points at is recorded (targets/pins/kubeedge.json, targets/kubeedge/versions.json) and a checkout must be it.
/// </summary>
public static class KubeEdgeGitCheckout
{
    /// <summary>`git clone --depth 1 --branch TAG` into workDirectory/kubeedge-&lt;version&gt;-git (reused while HEAD is the commit); fails naming both ids when the tag moved.</summary>
    public static async Task<string> CloneAsync(PinGit git, string workDirectory, string version, CancellationToken ct)
    {
        var destination = Path.Combine(workDirectory, $"kubeedge-{version}-git");
        if (Directory.Exists(Path.Combine(destination, ".git")) && await HeadAsync(destination, ct) == git.Commit)
        {
            BuildReport.Current.Information($"Using {destination} (git {git.Tag}, commit {git.Commit}).");
            return destination;
        }
        var staging = destination + ".cloning";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(workDirectory);
        await ProcessRunner.RunAsync("git", ["clone", "--quiet", "--depth", "1", "--branch", git.Tag, git.Url, staging], new ProcessOptions(), ct);
        var head = await HeadAsync(staging, ct);
        if (head != git.Commit)
        {
            Directory.Delete(staging, recursive: true);
            throw new BuildException($"KubeEdge {git.Tag} from {git.Url} is commit {head}, but the recorded commit is {git.Commit} ({git.CommitSource ?? "pins"}). " +
                "The tag was moved or the URL serves another repository; the clone was deleted. Check upstream's release before changing the recorded commit.");
        }
        if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
        Directory.Move(staging, destination);
        BuildReport.Current.Information($"Cloned {git.Url} {git.Tag} (commit {head}) into {destination}.");
        return destination;
    }

    /// <summary>Warns (never fails) when <paramref name="directory"/> is a git checkout at another commit than <paramref name="expectedCommit"/> or has local changes.</summary>
    public static async Task CheckLocalAsync(string directory, string tag, string? expectedCommit, CancellationToken ct)
    {
        if (!Directory.Exists(Path.Combine(directory, ".git")) && !File.Exists(Path.Combine(directory, ".git"))) return;
        var head = await HeadAsync(directory, ct);
        if (expectedCommit is null)
            BuildReport.Current.Warning($"{directory} is at commit {head}; no commit is recorded for KubeEdge {tag} to compare with.");
        else if (head != expectedCommit)
            BuildReport.Current.Warning($"{directory} is at commit {head}, not {tag}'s recorded commit {expectedCommit}: the build uses your tree as it is.");
        var status = await ProcessRunner.RunAsync("git", ["-C", directory, "status", "--porcelain", "--untracked-files=no"],
            new ProcessOptions { CaptureOutput = true }, ct);
        var changed = status.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (changed.Length > 0)
            BuildReport.Current.Warning($"{directory} has {changed.Length} locally changed file(s) (PatchKubeEdge's own edits count too), e.g. {changed[0].Trim()}.");
    }

    private static async Task<string> HeadAsync(string directory, CancellationToken ct) =>
        (await ProcessRunner.RunAsync("git", ["-C", directory, "rev-parse", "HEAD"], new ProcessOptions { CaptureOutput = true }, ct)).StandardOutput.Trim();
}
