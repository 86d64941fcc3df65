using EdgeBuild.Containers;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>
/// Hands files a root container wrote in a bind-mounted tree back to the invoking user, with a short second
/// container run as root (works whether or not this process is root). Only files with another owner are
/// touched, so git's index (which records ctime) stays valid for the rest.
/// </summary>
public static class OwnershipRestorer
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    /// <summary>Chowns everything under <paramref name="mount"/> (the container path of the bind in <paramref name="template"/>) to <paramref name="owner"/>; warns instead of failing.</summary>
    public static async Task RestoreAsync(ContainerRunner runner, ContainerSpec template, string mount, FileOwner owner)
    {
        if (owner.IsRoot) return;
        // Not the caller's token: after Ctrl-C the outputs written so far still go back to the user.
        using var cts = new CancellationTokenSource(Limit);
        var spec = template with
        {
            Command = ["find", mount, "-xdev", "(", "!", "-user", owner.Uid.ToString(), "-o", "!", "-group", owner.Gid.ToString(), ")",
                "-exec", "chown", "-h", owner.ToString(), "{}", "+"],
            User = "0:0",
            Volumes = new Dictionary<string, string>(),
            Environment = new Dictionary<string, string>(),
            NamePrefix = template.NamePrefix + "-chown",
            OutputLevel = LogLevel.Debug,
            Tty = false,
            OnLine = null,
            AllowFailure = false,
        };
        try
        {
            await runner.RunAsync(spec, cts.Token).ConfigureAwait(false);
            BuildReport.Current.Debug($"Handed files under {mount} back to {owner}");
        }
        catch (Exception e) when (e is BuildException or OperationCanceledException or Docker.DotNet.DockerApiException)
        {
            var source = template.Binds.FirstOrDefault(b => b.Value == mount).Key ?? mount;
            BuildReport.Current.Warning($"Could not hand the container's files back to {owner}: {e.Message.Split('\n')[0]}. Run: sudo chown -R {owner} {source}");
        }
    }
}
