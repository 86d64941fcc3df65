using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeBuild.Tests.Containers.Remote;

/// <summary>What the test's servers (dockerd, sshd) share: a free loopback port, and a process whose output goes to a log file.</summary>
public static class LoggedProcess
{
    /// <summary>Starts <paramref name="start"/> with stdout and stderr appended to <paramref name="logFile"/>.</summary>
    public static Process Start(ProcessStartInfo start, string logFile)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A loopback TCP port nothing listens on right now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
