using Docker.DotNet;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>What Doctor and --plan say about the engine: where it is, its version, architecture, data root and the free space there.</summary>
public sealed record EngineFacts(DockerEndpoint Endpoint, string Version, string Architecture, string OperatingSystem, string DataRoot)
{
    /// <summary>Free bytes on the data root's filesystem on the engine's host (null: see <see cref="FreeSpaceProblem"/>).</summary>
    public long? DataRootFreeBytes { get; init; }
    /// <summary>Why the free space is unknown.</summary>
    public string? FreeSpaceProblem { get; init; }

    /// <summary>The engine runs amd64 code natively (the OpenHarmony builder images are amd64 only).</summary>
    public bool IsAmd64 => Architecture is "x86_64" or "amd64";

    /// <summary>Asks the engine (version and info), and df in a container from <paramref name="dfImage"/> or another image it has.</summary>
    public static async Task<EngineFacts> ReadAsync(DockerClient client, DockerEndpoint endpoint, CancellationToken ct, string? dfImage = null)
    {
        var version = await client.System.GetVersionAsync(ct).ConfigureAwait(false);
        var info = await client.System.GetSystemInfoAsync(ct).ConfigureAwait(false);
        var (free, problem) = await DataRootFreeSpace.ReadAsync(client, info.DockerRootDir, dfImage, ct).ConfigureAwait(false);
        return new EngineFacts(endpoint, version.Version, info.Architecture, info.OperatingSystem, info.DockerRootDir)
        {
            DataRootFreeBytes = free, FreeSpaceProblem = problem,
        };
    }

    /// <summary>The facts of the selected engine, or one sentence saying why it does not answer (Doctor, --plan); df runs in <paramref name="dfImage"/> when the engine has it.</summary>
    public static async Task<(EngineFacts? Facts, string Line)> DescribeAsync(TimeSpan timeout, string? dfImage = null)
    {
        DockerEndpoint endpoint;
        try { endpoint = DockerEngine.Endpoint(); }
        catch (BuildException e) { return (null, e.Message); }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var client = DockerEngine.Connect(endpoint);
            var facts = await ReadAsync(client, endpoint, cts.Token, dfImage).ConfigureAwait(false);
            return (facts, facts.ToString());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, $"{endpoint} does not answer ({e.GetBaseException().Message})");
        }
    }

    /// <summary>Checks the selected engine before a build: it answers and runs amd64 (or <paramref name="forceArchitecture"/>); df runs in <paramref name="dfImage"/> when there.</summary>
    public static async Task<EngineFacts> RequireAsync(bool forceArchitecture, CancellationToken ct, string? dfImage = null)
    {
        await DockerEngine.RequireAsync().ConfigureAwait(false);
        var endpoint = DockerEngine.Endpoint();
        using var client = DockerEngine.Connect(endpoint);
        var facts = await ReadAsync(client, endpoint, ct, dfImage).ConfigureAwait(false);
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

    /// <summary>One line: local/remote, address, version, architecture, data root and its free space.</summary>
    public override string ToString() =>
        $"{Endpoint}: Docker {Version}, {Architecture}, {OperatingSystem}, data root {DataRoot} " +
        (DataRootFreeBytes is { } free ? $"({Progress.Size(free)} free)" : $"(free space unknown: {FreeSpaceProblem})");
}
