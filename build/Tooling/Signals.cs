using System.Runtime.InteropServices;

namespace EdgeBuild.Tooling;

/// <summary>POSIX signals to other processes (Process.Kill only sends SIGKILL).</summary>
public static partial class Signals
{
    /// <summary>SIGTERM: ask a process to stop cleanly.</summary>
    public const int Term = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it failed (process gone).</summary>
    public static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && kill(pid, signal) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
