using EdgeBuild.Reporting;


namespace EdgeBuild.Tooling;

/// <summary>
/// An exclusive lock on a lock file, held until disposed. .NET maps FileShare.None to flock(2) on Unix, so it
/// excludes other processes and other opens in this one; the file is left behind on purpose (deleting it
/// would race with a process that just opened it).
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits until <paramref name="path"/> can be locked, logging once when another holder makes it wait.</summary>
    public static Task<FileLock> AcquireAsync(string path, CancellationToken ct) =>
        AcquireAsync(path, ct, () => BuildReport.Current.Debug($"Waiting for {path} (another fetch of the same file is running)"));

    /// <summary>Waits until <paramref name="path"/> can be locked, calling <paramref name="onFirstWait"/> once when another holder makes it wait.</summary>
    public static async Task<FileLock> AcquireAsync(string path, CancellationToken ct, Action onFirstWait)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var announced = false;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                if (!announced) { onFirstWait(); announced = true; }
                await Task.Delay(100, ct);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
