using System.Diagnostics;

namespace EdgeBuild.Tests.Support;

/// <summary>A read-only tmpfs mounted on a fresh temp directory (the test runs as root, which ignores chmod).</summary>
public sealed class ReadOnlyMount : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>The mount point; writing anything below it fails with "Read-only file system".</summary>
    public string Path => _dir.Path;

    public ReadOnlyMount() => Mount("-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", Path);

    private static void Mount(params string[] args)
    {
        var start = new ProcessStartInfo("mount") { RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"mount {string.Join(' ', args)} failed ({p.ExitCode}): {error}");
    }

    public void Dispose()
    {
        using (var p = Process.Start("umount", ["-l", Path])) p.WaitForExit();
        _dir.Dispose();
    }
}
