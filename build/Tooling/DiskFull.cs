using EdgeBuild.Reporting;

namespace EdgeBuild.Tooling;

/// <summary>A write that failed because its file system is full: names the file and the space left.</summary>
public sealed class DiskFullException(string message, Exception inner) : BuildException(message, inner);

/// <summary>Recognises "no space left" and turns it into one sentence a user can act on.</summary>
public static class DiskFull
{
    private const int Enospc = 28;
    private const int EdquotLinux = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    /// <summary>Whether <paramref name="error"/> is a full disk or an exceeded quota.</summary>
    public static bool Is(Exception error) => error is IOException { HResult: Enospc or EdquotLinux or WindowsDiskFull };

    /// <summary>The error for a full disk while writing <paramref name="file"/>.</summary>
    public static DiskFullException For(string file, Exception error)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string free;
        try { free = $"{new DriveInfo(ExistingAncestor(directory)).AvailableFreeSpace / 1024 / 1024} MiB free"; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { free = "free space unknown"; }
        return new DiskFullException($"The disk is full while writing {file} ({free} in {directory}); the partial output was removed. Free some space there or point the output elsewhere (--artifacts), then run again.", error);
    }

    /// <summary>Runs <paramref name="write"/>, turning a full disk into <see cref="DiskFullException"/> naming <paramref name="file"/>.</summary>
    public static async Task WritingAsync(string file, Func<Task> write)
    {
        try { await write(); }
        catch (IOException e) when (Is(e)) { throw For(file, e); }
    }

    /// <summary>Runs <paramref name="write"/>, turning a full disk into <see cref="DiskFullException"/> naming <paramref name="file"/>.</summary>
    public static void Writing(string file, Action write)
    {
        try { write(); }
        catch (IOException e) when (Is(e)) { throw For(file, e); }
    }

    private static string ExistingAncestor(string directory)
    {
        while (!Directory.Exists(directory) && Path.GetDirectoryName(directory) is { } parent) directory = parent;
        return directory;
    }
}
