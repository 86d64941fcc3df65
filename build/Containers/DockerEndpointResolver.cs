using System.Text;
using System.Text.Json;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>
/// Picks the engine as the docker CLI does: --docker-host, else DOCKER_HOST (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH),
/// else DOCKER_CONTEXT or the current context of ~/.docker/config.json, else the default socket.
/// </summary>
public sealed class DockerEndpointResolver(Func<string, string?> environment)
{
    /// <summary>Reads the process environment.</summary>
    public static DockerEndpointResolver FromEnvironment { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>~/.docker, or DOCKER_CONFIG.</summary>
    public string ConfigDirectory => environment("DOCKER_CONFIG") is { Length: > 0 } dir ? dir
        : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    /// <summary>The endpoint for <paramref name="dockerHost"/> (--docker-host) when given, else from the environment and contexts.</summary>
    public DockerEndpoint Resolve(string? dockerHost = null)
    {
        if (!string.IsNullOrWhiteSpace(dockerHost)) return FromHost(dockerHost, "--docker-host");
        if (environment("DOCKER_HOST") is { Length: > 0 } host) return FromHost(host, "DOCKER_HOST");
        var context = environment("DOCKER_CONTEXT") is { Length: > 0 } named ? (named, "DOCKER_CONTEXT") : (CurrentContext(), "docker context use");
        if (context.Item1 is { } name && name != "default") return FromContext(name, context.Item2);
        return new DockerEndpoint { Address = new Uri(DockerEngine.DefaultEndpoint), Source = DockerEndpoint.DefaultSource };
    }

    private DockerEndpoint FromHost(string host, string source)
    {
        var address = Parse(host, source);
        var verify = environment("DOCKER_TLS_VERIFY") is { Length: > 0 } v && v != "0";
        var tls = address.Scheme == "tcp" && verify ? environment("DOCKER_CERT_PATH") is { Length: > 0 } p ? p : ConfigDirectory : null;
        return new DockerEndpoint { Address = address, Source = source, TlsDirectory = tls, TlsVerify = verify };
    }

    private DockerEndpoint FromContext(string name, string source)
    {
        var id = FileHash.Sha256OfText(name);
        var meta = Path.Combine(ConfigDirectory, "contexts", "meta", id, "meta.json");
        if (!File.Exists(meta))
            throw new BuildException($"Docker context '{name}' ({source}) is not defined: {meta} does not exist. " +
                $"List contexts with `docker context ls`, create it with `docker context create {name} --docker host=...`, or unset DOCKER_CONTEXT.");
        using var json = JsonDocument.Parse(File.ReadAllText(meta));
        if (!json.RootElement.TryGetProperty("Endpoints", out var endpoints) || !endpoints.TryGetProperty("docker", out var docker) ||
            !docker.TryGetProperty("Host", out var hostElement) || hostElement.GetString() is not { Length: > 0 } host)
            throw new BuildException($"Docker context '{name}' has no docker endpoint Host in {meta}; recreate it with `docker context create {name} --docker host=...`.");
        var skipVerify = docker.TryGetProperty("SkipTLSVerify", out var skip) && skip.ValueKind == JsonValueKind.True;
        var tls = Path.Combine(ConfigDirectory, "contexts", "tls", id, "docker");
        return new DockerEndpoint
        {
            Address = Parse(host, $"context {name}"),
            Source = $"context {name} ({source})",
            TlsDirectory = File.Exists(Path.Combine(tls, "cert.pem")) || File.Exists(Path.Combine(tls, "ca.pem")) ? tls : null,
            TlsVerify = !skipVerify,
        };
    }

    private string? CurrentContext()
    {
        var config = Path.Combine(ConfigDirectory, "config.json");
        if (!File.Exists(config)) return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(config));
            return json.RootElement.TryGetProperty("currentContext", out var current) ? current.GetString() : null;
        }
        catch (JsonException e)
        {
            throw new BuildException($"{config} is not valid JSON ({e.Message}); fix it or set DOCKER_HOST.");
        }
    }

    private static Uri Parse(string host, string source) =>
        Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "ssh" or "http" or "https" ? uri
            : throw new BuildException($"Docker host '{host}' from {source} is not unix:///path.sock, tcp://host:port or ssh://[user@]host[:port].");
}
