using System.Diagnostics;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>
/// A dockerd of our own, with socket, data-root, exec-root and pidfile under one temp directory, for tests on
/// machines where no engine answers. Stopped (SIGTERM, then kill) on dispose.
/// </summary>
public sealed class PrivateDockerDaemon : IAsyncDisposable
{
    private readonly Process _process;

    /// <summary>DOCKER_HOST value for this daemon.</summary>
    public string Host { get; }
    /// <summary>The directory holding everything it writes.</summary>
    public string Directory { get; }

    private PrivateDockerDaemon(Process process, string host, string directory) { _process = process; Host = host; Directory = directory; }

    /// <summary>Starts dockerd and waits until it answers (it needs root).</summary>
    public static async Task<PrivateDockerDaemon> StartAsync(CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var dockerd = Tooling.ProcessRunner.Which("dockerd")
            ?? throw new BuildException("No Docker engine answers and dockerd is not installed: apt-get install docker.io (or set DOCKER_HOST).");
        // Short path: unix socket paths are limited to 107 bytes.
        var directory = System.IO.Directory.CreateTempSubdirectory("eb-docker-").FullName;
        var host = $"unix://{directory}/docker.sock";
        var start = new ProcessStartInfo(dockerd)
        {
            ArgumentList =
            {
                "--host", host, "--data-root", Path.Combine(directory, "data"), "--exec-root", Path.Combine(directory, "exec"),
                "--pidfile", Path.Combine(directory, "docker.pid"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new BuildException($"Could not start {dockerd}.");
        var log = new StreamWriter(Path.Combine(directory, "dockerd.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new PrivateDockerDaemon(process, host, directory);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new BuildException($"dockerd exited with code {process.ExitCode} while starting; see {directory}/dockerd.log (it needs root).");
            if ((await DockerEngine.ProbeAsync(host, TimeSpan.FromSeconds(2)).ConfigureAwait(false)).Version is not null)
                return daemon;
            await Task.Delay(300, cancellationToken).ConfigureAwait(false);
        }
        await daemon.DisposeAsync().ConfigureAwait(false);
        throw new BuildException($"dockerd did not answer on {host} within the timeout; see {directory}/dockerd.log.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited) return;
        Tooling.Signals.Send(_process.Id, Tooling.Signals.Term);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
    }
}
