using Docker.DotNet.Models;
using EdgeBuild.Containers;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>Containers a crashed run left on a workspace volume, found by their labels: adopted when they do this run's work, else removed.</summary>
public static class OhosVolumeOrphans
{
    /// <summary>
    /// Sorts what crashed earlier runs left on the volume: a build container doing the very work this run would start
    /// (its spec hash is one of <paramref name="wanted"/>; still running, or finished well) is returned by that hash, to be adopted; any other would race this build and
    /// is removed, and so are the file helpers they left (all but <paramref name="files"/>' own).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, ContainerListResponse>> SortAsync(ContainerRunner runner, VolumeFiles files, IReadOnlyCollection<string> wanted, CancellationToken ct)
    {
        var adoptable = new Dictionary<string, ContainerListResponse>();
        foreach (var label in new[] { OhosBuilder.VolumeLabel, VolumeFiles.HelperLabel })
        {
            var orphans = await runner.Client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{label}={files.Volume}"] = true } },
            }, ct).ConfigureAwait(false);
            foreach (var orphan in orphans.Where(o => o.ID != files.HelperId))
            {
                if (label == OhosBuilder.VolumeLabel && orphan.Labels.TryGetValue(ContainerRunner.SpecLabel, out var spec) && wanted.Contains(spec) && !adoptable.ContainsKey(spec) &&
                    (orphan.State == "running" || orphan.Status.StartsWith("Exited (0)", StringComparison.Ordinal)))
                {
                    adoptable[spec] = orphan;
                    continue;
                }
                if (label == OhosBuilder.VolumeLabel)
                    BuildReport.Current.Warning($"Removing {orphan.Names.FirstOrDefault()?.TrimStart('/')} ({orphan.Status}): a build container of an earlier run on volume {files.Volume}.");
                await runner.Client.Containers.RemoveContainerAsync(orphan.ID, new ContainerRemoveParameters { Force = true }, ct).ConfigureAwait(false);
            }
        }
        return adoptable;
    }
}
