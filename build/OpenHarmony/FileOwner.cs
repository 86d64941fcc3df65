using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>A numeric owner (uid:gid); the user root-run containers hand their outputs back to.</summary>
public sealed record FileOwner(int Uid, int Gid)
{
    /// <summary>True for root, who needs nothing handed back.</summary>
    public bool IsRoot => Uid == 0 && Gid == 0;

    public override string ToString() => $"{Uid}:{Gid}";

    /// <summary>The invoking user: SUDO_UID/SUDO_GID under sudo, else the owner of <paramref name="tree"/>.</summary>
    public static async Task<FileOwner> InvokingUserAsync(AbsolutePath tree, CancellationToken ct)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("SUDO_UID"), out var uid) &&
            int.TryParse(Environment.GetEnvironmentVariable("SUDO_GID"), out var gid))
            return new FileOwner(uid, gid);
        var text = await ProcessRunner.OutputOfAsync("stat", ["-c", "%u:%g", tree], cancellationToken: ct);
        var parts = text.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], out uid) && int.TryParse(parts[1], out gid)
            ? new FileOwner(uid, gid)
            : throw new BuildException($"Could not read the owner of {tree} (stat printed '{text}').");
    }
}
