using EdgeBuild.Tooling;

namespace EdgeBuild.Engine;

/// <summary>A directory the build writes into, with the parameter that chose it (named in errors).</summary>
/// <param name="Directory">The directory.</param>
/// <param name="Parameter">How the user sets it, e.g. "--artifacts".</param>
/// <param name="BuildOwned">True for the build's own default location: marked as the build's even when not empty.</param>
public sealed record OutputRoot(AbsolutePath Directory, string Parameter, bool BuildOwned);

/// <summary>
/// Checks each output root is writable before anything runs, and marks the roots the build created (or that are
/// its own default location) so Clean can tell them from a user's directory.
/// </summary>
public static class OutputRoots
{
    /// <summary>The file that says "this directory was made by edge-build"; Clean refuses directories without it.</summary>
    public const string MarkerName = ".edge-build-owned";

    /// <summary>Creates <paramref name="root"/> if needed, proves it writable and marks it when the build owns it.</summary>
    public static void Prepare(OutputRoot root)
    {
        var dir = root.Directory;
        try
        {
            var isNewOrEmpty = !System.IO.Directory.Exists(dir) || !System.IO.Directory.EnumerateFileSystemEntries(dir).Any();
            System.IO.Directory.CreateDirectory(dir);
            var probe = dir / $".write-probe.{Environment.ProcessId}";
            File.WriteAllText(probe, "");
            File.Delete(probe);
            if ((isNewOrEmpty || root.BuildOwned) && !IsOwned(dir))
                File.WriteAllText(dir / MarkerName, "Made by edge-build: ./build.sh Clean may remove the entries it knows here.\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write to {dir} ({root.Parameter}): {e.Message.TrimEnd('.')}. Nothing was run; give {root.Parameter} a writable directory.");
        }
    }

    /// <summary>True when <paramref name="dir"/> carries the build's marker.</summary>
    public static bool IsOwned(AbsolutePath dir) => File.Exists(dir / MarkerName);
}
