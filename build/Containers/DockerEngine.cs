using Docker.DotNet;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>Finds and talks to the Docker engine: --docker-host, DOCKER_HOST (unix, tcp with TLS, ssh), a Docker context, or the default socket.</summary>
public static class DockerEngine
{
    /// <summary>The default socket when nothing names another engine.</summary>
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>--docker-host: overrides DOCKER_HOST and contexts for this process.</summary>
    public static string? HostOverride { get; set; }

    /// <summary>The engine in use: <paramref name="dockerHost"/>, else --docker-host, else DOCKER_HOST, a context or the default socket.</summary>
    public static DockerEndpoint Endpoint(string? dockerHost = null) => DockerEndpointResolver.FromEnvironment.Resolve(dockerHost ??
        // The parameter binder also fills --docker-host from DOCKER_HOST; then the resolver names the variable and adds its TLS settings.
        (HostOverride != Environment.GetEnvironmentVariable("DOCKER_HOST") ? HostOverride : null));

    /// <summary>A client for the engine named by <paramref name="dockerHost"/> or the environment (long timeout: pulls and builds take long).</summary>
    public static DockerClient Connect(string? dockerHost = null) => Connect(Endpoint(dockerHost));

    /// <summary>The one place a client is made: TLS credentials from the endpoint's certificates, ssh:// through dial-stdio.</summary>
    public static DockerClient Connect(DockerEndpoint endpoint)
    {
        var address = endpoint.Ssh is { } ssh ? SshDialStdio.For(ssh).Socket : endpoint.Address;
        Credentials? credentials = endpoint.TlsDirectory is not null && address.Scheme == "tcp" ? DockerTls.Credentials(endpoint) : null;
        return new DockerClientConfiguration(address, credentials, defaultTimeout: TimeSpan.FromMinutes(10)).CreateClient();
    }

    /// <summary>The engine's version when it answers within <paramref name="timeout"/>, else null with the reason.</summary>
    public static async Task<(string? Version, string? Problem)> ProbeAsync(string? dockerHost = null, TimeSpan? timeout = null)
    {
        DockerEndpoint endpoint;
        try { endpoint = Endpoint(dockerHost); }
        catch (BuildException e) { return (null, e.Message); }
        return await ProbeAsync(endpoint, timeout).ConfigureAwait(false);
    }

    /// <summary>The version of the engine at <paramref name="endpoint"/>, else null with the reason.</summary>
    public static async Task<(string? Version, string? Problem)> ProbeAsync(DockerEndpoint endpoint, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(endpoint.Ssh is null ? 5 : 30));
        try
        {
            using var client = Connect(endpoint);
            var version = await client.System.GetVersionAsync(cts.Token).ConfigureAwait(false);
            return (version.Version, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, $"{endpoint} does not answer ({e.GetBaseException().Message})");
        }
    }

    /// <summary>Fails with what to do when no engine answers.</summary>
    public static async Task RequireAsync()
    {
        var (version, problem) = await ProbeAsync().ConfigureAwait(false);
        if (version is null)
            throw new BuildException($"Docker engine not reachable: {problem}. Start dockerd (apt-get install docker.io; systemctl start docker) or point " +
                "--docker-host / DOCKER_HOST at one (unix:///path.sock, tcp://host:2376 with DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=dir, ssh://user@host) or `docker context use NAME`.");
    }
}
