using Docker.DotNet;
using EdgeBuild.Engine;

namespace EdgeBuild.Containers;

/// <summary>Finds and talks to the Docker engine named by DOCKER_HOST (unix or tcp), or the default socket.</summary>
public static class DockerEngine
{
    /// <summary>The default socket when DOCKER_HOST is unset.</summary>
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>The endpoint in use: DOCKER_HOST, else the default socket.</summary>
    public static Uri Endpoint(string? dockerHost = null)
    {
        var value = dockerHost ?? Environment.GetEnvironmentVariable("DOCKER_HOST");
        return new Uri(string.IsNullOrWhiteSpace(value) ? DefaultEndpoint : value);
    }

    /// <summary>A client for the endpoint (long timeout: image pulls and builds take long).</summary>
    public static DockerClient Connect(string? dockerHost = null) =>
        new DockerClientConfiguration(Endpoint(dockerHost), defaultTimeout: TimeSpan.FromMinutes(10)).CreateClient();

    /// <summary>The engine's version when it answers within <paramref name="timeout"/>, else null with the reason.</summary>
    public static async Task<(string? Version, string? Problem)> ProbeAsync(string? dockerHost = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            using var client = Connect(dockerHost);
            var version = await client.System.GetVersionAsync(cts.Token).ConfigureAwait(false);
            return (version.Version, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, $"{Endpoint(dockerHost)} does not answer ({e.GetBaseException().Message})");
        }
    }

    /// <summary>Fails with what to do when no engine answers.</summary>
    public static async Task RequireAsync()
    {
        var (version, problem) = await ProbeAsync().ConfigureAwait(false);
        if (version is null)
            throw new BuildException($"Docker engine not reachable: {problem}. Start dockerd (apt-get install docker.io; systemctl start docker) or point DOCKER_HOST at one (unix:///path.sock or tcp://host:2376).");
    }
}
