using Docker.DotNet;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>What Doctor and --plan say about the engine: where it is, its version, architecture and data root.</summary>
public sealed record EngineFacts(DockerEndpoint Endpoint, string Version, string Architecture, string OperatingSystem, string DataRoot)
{
    /// <summary>The engine runs amd64 code natively (the OpenHarmony builder images are amd64 only).</summary>
    public bool IsAmd64 => Architecture is "x86_64" or "amd64";

    /// <summary>Asks the engine (version and info).</summary>
    public static async Task<EngineFacts> ReadAsync(DockerClient client, DockerEndpoint endpoint, CancellationToken ct)
    {
        var version = await client.System.GetVersionAsync(ct).ConfigureAwait(false);
        var info = await client.System.GetSystemInfoAsync(ct).ConfigureAwait(false);
        return new EngineFacts(endpoint, version.Version, info.Architecture, info.OperatingSystem, info.DockerRootDir);
    }

    /// <summary>The facts of the selected engine, or one sentence saying why it does not answer (Doctor, --plan).</summary>
    public static async Task<(EngineFacts? Facts, string Line)> DescribeAsync(TimeSpan timeout)
    {
        DockerEndpoint endpoint;
        try { endpoint = DockerEngine.Endpoint(); }
        catch (BuildException e) { return (null, e.Message); }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var client = DockerEngine.Connect(endpoint);
            var facts = await ReadAsync(client, endpoint, cts.Token).ConfigureAwait(false);
            return (facts, facts.ToString());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, $"{endpoint} does not answer ({e.GetBaseException().Message})");
        }
    }

    /// <summary>Checks the selected engine before a build: it answers and runs amd64 (or <paramref name="forceArchitecture"/>).</summary>
    public static async Task<EngineFacts> RequireAsync(bool forceArchitecture, CancellationToken ct)
    {
        await DockerEngine.RequireAsync().ConfigureAwait(false);
        var endpoint = DockerEngine.Endpoint();
        using var client = DockerEngine.Connect(endpoint);
        var facts = await ReadAsync(client, endpoint, ct).ConfigureAwait(false);
        facts.RequireAmd64(forceArchitecture);
        BuildReport.Current.Information($"Docker engine: {facts}");
        return facts;
    }

    /// <summary>Refuses an engine that is not amd64 unless <paramref name="force"/>: the builder would run under emulation, many times slower.</summary>
    public void RequireAmd64(bool force)
    {
        if (IsAmd64) return;
        if (force) { BuildReport.Current.Warning($"Engine {Endpoint.Address} is {Architecture}: the amd64 builder image runs under emulation (--force-engine-arch)."); return; }
        throw new BuildException($"The Docker engine {Endpoint} is {Architecture}; the OpenHarmony builder images are amd64 only and would run under " +
            "emulation, many times slower. Use an amd64 build host, or pass --force-engine-arch to build anyway.");
    }

    /// <summary>One line: local/remote, address, version, architecture and data root.</summary>
    public override string ToString() =>
        $"{Endpoint}: Docker {Version}, {Architecture}, {OperatingSystem}, data root {DataRoot} (free space there: not reported by the engine API)";
}
