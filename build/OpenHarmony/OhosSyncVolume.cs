using EdgeBuild.Tooling;
using EdgeBuild.Containers;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>
/// What a sync into a named volume reads and writes beside the tree: its step record (kept in the volume, with the
/// tree), the manifest's hash, the prebuilts markers and the free space, all through the archive API or a container.
/// </summary>
public sealed class OhosSyncVolume(VolumeFiles files, ContainerRunner runner) : IDisposable
{
    private readonly AbsolutePath _stage = AbsolutePath.Create(Directory.CreateTempSubdirectory("eb-sync-volume-").FullName);
    private string StateFile => Path.GetRelativePath(_stage, OhosSyncState.FileIn(_stage));

    /// <summary>The step record in the volume, or null before the first step.</summary>
    public async Task<OhosSyncState?> ReadStateAsync(CancellationToken ct)
    {
        await files.FetchAsync([StateFile], _stage, ct).ConfigureAwait(false);
        return OhosSyncState.Read(_stage);
    }

    /// <summary>Writes the step record into the volume.</summary>
    public async Task WriteStateAsync(OhosSyncState state, CancellationToken ct)
    {
        state.Write(_stage);
        await files.WriteAsync(_stage, [StateFile], ct).ConfigureAwait(false);
    }

    /// <summary>sha256 of the manifest repo init checked out, or null when there is none yet.</summary>
    public async Task<string?> ManifestSha256Async(OhosManifest manifest, CancellationToken ct)
    {
        var relative = $".repo/manifests/{manifest.File}";
        if ((_stage / relative).FileExists()) File.Delete(_stage / relative);
        await files.FetchAsync([relative], _stage, ct).ConfigureAwait(false);
        return (_stage / relative).FileExists() ? FileHash.Sha256(_stage / relative) : null;
    }

    /// <summary>Whether every one of <paramref name="markers"/> exists in the volume (and there is at least one).</summary>
    public async Task<bool> AllExistAsync(IReadOnlyList<string> markers, CancellationToken ct)
    {
        foreach (var marker in markers)
            if (!await files.ExistsAsync(marker, ct).ConfigureAwait(false)) return false;
        return markers.Count > 0;
    }

    /// <summary>Free bytes on the filesystem holding the volume, as df sees it on the engine's host.</summary>
    public async Task<long> FreeBytesAsync(CancellationToken ct)
    {
        var lines = await files.RunAsync(runner, ["df", "-Pk", files.Mount], ct).ConfigureAwait(false);
        return DataRootFreeSpace.AvailableBytes(lines, files.Mount)
            ?? throw new BuildException($"Could not read the free space of volume {files.Volume} from df: {string.Join(" / ", lines)}");
    }

    /// <summary>Removes the local staging directory.</summary>
    public void Dispose() => Directory.Delete(_stage, recursive: true);
}
