using EdgeBuild.Containers;
using EdgeBuild.Kernel;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>
/// An OpenHarmony tree in a named volume (a remote engine's, or --ohos-workspace volume:NAME). PatchOpenHarmony and
/// version detection work on a local copy of just the files they read, fetched through the archive API; what the
/// unchanged patch logic changed goes back the same way, what it removed is removed in the volume.
/// </summary>
public sealed class OhosVolumeTree(VolumeFiles files, ContainerRunner runner)
{
    /// <summary>The files the tree patches read or change for <paramref name="version"/> building <paramref name="layout"/>'s kernel config.</summary>
    public static IReadOnlyList<string> PatchedPaths(OhosVersionInfo version, OhosConfigLayout layout) =>
        [version.PrepareRoot.File, version.FileContexts.File, layout.Target, .. layout.MergedAfter, .. layout.SourceChecker is { } c ? new[] { c } : []];

    /// <summary>The volume --ohos-workspace names (volume:NAME), else edge-build-ohos-&lt;version&gt; when the engine is remote, else null (a local directory).</summary>
    public static string? VolumeFor(string? workspace, string version, bool engineIsRemote) =>
        Path.GetFileName(workspace ?? "") is { } name && name.StartsWith("volume:", StringComparison.Ordinal) ? name["volume:".Length..]
        : engineIsRemote ? $"edge-build-ohos-{version}" : null;

    /// <summary>PatchOpenHarmony on a tree in a volume, through the engine in use and a helper container of <paramref name="image"/>.</summary>
    public static async Task<IReadOnlyList<FileChange>> PatchAsync(OhosTree tree, string image, IReadOnlyList<ITreePatch> patches, IReadOnlyList<string> paths, bool dryRun, CancellationToken ct)
    {
        await DockerEngine.RequireAsync().ConfigureAwait(false);
        using var client = DockerEngine.Connect();
        var runner = new ContainerRunner(client);
        await runner.EnsureImageAsync(image, ct).ConfigureAwait(false);
        await using var files = new VolumeFiles(client, tree.Volume!, image);
        return await new OhosVolumeTree(files, runner).PatchAsync(tree.Version, patches, paths, dryRun, ct).ConfigureAwait(false);
    }

    /// <summary>The tree's version as <see cref="OhosCatalog.Resolve"/> reads it, from the same files fetched out of the volume.</summary>
    public async Task<OhosVersionInfo> ResolveVersionAsync(OhosCatalog catalog, string? requested, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(requested)) return catalog.Find(requested);
        using var stage = new StagedFiles();
        await files.FetchAsync(catalog.Common.VersionSources.Select(s => s.File), stage.Root, ct).ConfigureAwait(false);
        return catalog.Resolve(null, stage.Root);
    }

    /// <summary>Applies <paramref name="patches"/> to the volume's copy of <paramref name="paths"/>; same records, diffs and idempotence as on a local tree.</summary>
    public async Task<IReadOnlyList<FileChange>> PatchAsync(OhosVersionInfo version, IReadOnlyList<ITreePatch> patches, IReadOnlyList<string> paths, bool dryRun, CancellationToken ct)
    {
        using var stage = new StagedFiles();
        BuildReport.Current.Information($"Fetching {string.Join(", ", paths)} from volume {files.Volume}");
        await files.FetchAsync(paths, stage.Root, ct).ConfigureAwait(false);
        var before = stage.Hashes();
        var changes = OhosTreePatcher.Apply(new OhosTree(stage.Root, version), patches, dryRun, BuildReport.Current);
        if (dryRun) return changes;
        var after = stage.Hashes();
        var written = after.Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key).ToList();
        var removed = before.Keys.Where(k => !after.ContainsKey(k)).ToList();
        await files.WriteAsync(stage.Root, written, ct).ConfigureAwait(false);
        if (removed.Count > 0) await files.RunAsync(runner, ["rm", "-f", "--", .. removed], ct).ConfigureAwait(false);
        BuildReport.Current.Information($"Volume {files.Volume}: wrote {written.Count} file(s), removed {removed.Count}");
        return changes;
    }

    // A temp directory holding the fetched files, with their hashes to see what a patch changed.
    private sealed class StagedFiles : IDisposable
    {
        public AbsolutePath Root { get; } = AbsolutePath.Create(Directory.CreateTempSubdirectory("eb-volume-tree-").FullName);

        public Dictionary<string, string> Hashes() => Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Root, f), f => FileHash.Sha256(f));

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
