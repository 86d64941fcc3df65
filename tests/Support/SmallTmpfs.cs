using System.Diagnostics;

namespace EdgeBuild.Tests.Support;

/// <summary>A tiny tmpfs mounted for one test: a real full disk (the tests run as root, as in CI).</summary>
public sealed class SmallTmpfs : IDisposable
{
    /// <summary>The mount point.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("eb-tmpfs-").FullName;

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (mount's syntax: 1m, 512k).</summary>
    public SmallTmpfs(string size = "1m") => Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", Path);

    /// <summary>Every entry left on the file system.</summary>
    public string[] Entries() => Directory.GetFileSystemEntries(Path, "*", SearchOption.AllDirectories);

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {error} (these tests need root to mount a tmpfs).");
    }

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path);
    }
}
