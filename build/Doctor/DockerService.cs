using EdgeBuild.Containers;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Doctor;

/// <summary>Starts the machine's Docker engine when none answers (root only; never with DOCKER_HOST set, which names someone else's).</summary>
public static class DockerService
{
    /// <summary>Makes an engine answer on the default socket: systemd's docker service, else a background dockerd.</summary>
    public static async Task EnsureRunningAsync(CancellationToken ct)
    {
        if ((await DockerEngine.ProbeAsync()).Version is not null) return;
        if (DockerEngine.Endpoint() is { IsDefault: false } named)
            throw new BuildException($"The Docker engine {named} does not answer; start that engine, or drop --docker-host / DOCKER_HOST / the Docker context to use this machine's.");
        if (!PackageInstaller.CanInstall || ProcessRunner.Which("dockerd") is null)
            throw new BuildException("No Docker engine answers on the default socket. Start one (as root: systemctl start docker, or dockerd &).");
        if (Directory.Exists("/run/systemd/system") && ProcessRunner.Which("systemctl") is not null)
        {
            BuildReport.Current.Information("Starting the Docker engine: systemctl start docker");
            await ProcessRunner.RunAsync("systemctl", ["start", "docker"], cancellationToken: ct);
        }
        else
        {
            // No service manager (a container, WSL): a dockerd that outlives this build, as `dockerd &` would.
            const string log = "/var/log/edge-build-dockerd.log";
            BuildReport.Current.Information($"Starting the Docker engine in the background: dockerd (log {log})");
            await ProcessRunner.RunAsync("sh", ["-c", $"nohup dockerd >>{log} 2>&1 &"], cancellationToken: ct);
        }
        for (var i = 0; i < 60; i++)
        {
            if ((await DockerEngine.ProbeAsync(timeout: TimeSpan.FromSeconds(2))).Version is not null) { BuildReport.Current.Note("started the Docker engine"); return; }
            await Task.Delay(1000, ct);
        }
        throw new BuildException("The Docker engine was started but does not answer after 60 s; see systemctl status docker or /var/log/edge-build-dockerd.log.");
    }
}
