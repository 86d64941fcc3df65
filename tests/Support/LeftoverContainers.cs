using Docker.DotNet.Models;
using EdgeBuild.Containers;

namespace EdgeBuild.Tests.Support;

/// <summary>Containers still in the engine after a test, found by what the test gave them (a label or a bind), not by state the runner keeps.</summary>
public static class LeftoverContainers
{
    /// <summary>True when any container (running or stopped) carries <paramref name="key"/>=<paramref name="value"/>.</summary>
    public static async Task<bool> AnyLabelledAsync(string key, string value) =>
        (await AllAsync()).Any(c => c.Labels is not null && c.Labels.TryGetValue(key, out var v) && v == value);

    /// <summary>True when any container (running or stopped) mounts <paramref name="hostDirectory"/> or a path below it.</summary>
    public static async Task<bool> AnyMountingAsync(string hostDirectory) =>
        (await AllAsync()).Any(c => c.Mounts?.Any(m => m.Source is { } source &&
            (source == hostDirectory || source.StartsWith(hostDirectory.TrimEnd('/') + "/", StringComparison.Ordinal))) == true);

    private static async Task<IList<ContainerListResponse>> AllAsync()
    {
        using var client = DockerEngine.Connect();
        return await client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
    }
}
