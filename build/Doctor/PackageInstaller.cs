using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Doctor;

/// <summary>Installs Debian packages with apt-get, only as root on Debian/Ubuntu, and says what it does (never a silent sudo).</summary>
public static class PackageInstaller
{
    /// <summary>True when this process may install packages itself.</summary>
    public static bool CanInstall => Environment.UserName == "root" && ProcessRunner.Which("apt-get") is not null;

    /// <summary>Installs <paramref name="packages"/>; throws with the command to run by hand when it cannot.</summary>
    public static async Task InstallAsync(IReadOnlyCollection<string> packages, CancellationToken cancellationToken)
    {
        if (packages.Count == 0) return;
        var line = $"apt-get install -y {string.Join(" ", packages)}";
        if (!CanInstall)
            throw new BuildException($"Cannot install prerequisites: this needs root on Debian/Ubuntu. Run as root: apt-get update && {line}");
        BuildReport.Current.Information($"Installing prerequisites as root: {line}");
        var options = new ProcessOptions
        {
            Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
            OutputLevel = LogLevel.Debug,
        };
        await ProcessRunner.RunAsync("apt-get", ["update", "-qq"], options, cancellationToken);
        await ProcessRunner.RunAsync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", .. packages], options, cancellationToken);
        BuildReport.Current.Note($"installed {string.Join(" ", packages)}");
    }
}
