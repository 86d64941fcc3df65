using System.Formats.Tar;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>
/// Files in a named volume on a (possibly remote) engine, read and written through the archive API (GET/PUT
/// /containers/{id}/archive) of a short-lived helper container that mounts the volume and never runs; commands that must
/// run beside the files (sha256sum, rm) go through <see cref="ContainerRunner"/> with the same mount.
/// </summary>
public sealed class VolumeFiles(DockerClient client, string volume, string image, string mount = "/src") : IAsyncDisposable
{
    private string? _helper;

    /// <summary>The volume's name.</summary>
    public string Volume => volume;
    /// <summary>Where the volume is mounted in the helper and in build containers.</summary>
    public string Mount => mount;

    /// <summary>Label naming the volume a helper container mounts, so a re-run after a crash finds the helpers the crashed run left.</summary>
    public const string HelperLabel = "edge-build.helper";
    /// <summary>The helper container's id once one was created (a re-run's orphan cleanup spares it).</summary>
    public string? HelperId => _helper;

    /// <summary>Creates the volume when the engine does not have it yet.</summary>
    public async Task EnsureVolumeAsync(CancellationToken ct)
    {
        try { await client.Volumes.InspectAsync(volume, ct).ConfigureAwait(false); }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            await client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume, Labels = new Dictionary<string, string> { [ContainerRunner.Label] = "1" } }, ct).ConfigureAwait(false);
        }
    }

    private async Task<string> HelperAsync(CancellationToken ct)
    {
        if (_helper is not null) return _helper;
        await EnsureVolumeAsync(ct).ConfigureAwait(false);
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"edge-build-files-{Guid.NewGuid().ToString("N")[..10]}",
            Image = image,
            Cmd = ["true"],
            Labels = new Dictionary<string, string> { [ContainerRunner.Label] = "1", [HelperLabel] = volume },
            HostConfig = new HostConfig { Binds = [$"{volume}:{mount}"] },
        }, ct).ConfigureAwait(false);
        return _helper = created.ID;
    }

    /// <summary>The tar stream of <paramref name="relative"/> (a file or a directory), or null when it does not exist.</summary>
    public async Task<Stream?> OpenArchiveAsync(string relative, CancellationToken ct)
    {
        var id = await HelperAsync(ct).ConfigureAwait(false);
        try
        {
            var response = await client.Containers.GetArchiveFromContainerAsync(id,
                new GetArchiveFromContainerParameters { Path = $"{mount}/{relative}" }, statOnly: false, ct).ConfigureAwait(false);
            return response.Stream;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    /// <summary>Copies each of <paramref name="relatives"/> that exists (files or whole directories, mode and mtime kept) under <paramref name="localRoot"/>.</summary>
    public async Task FetchAsync(IEnumerable<string> relatives, string localRoot, CancellationToken ct)
    {
        foreach (var relative in relatives.Distinct())
        {
            await using var response = await OpenArchiveAsync(relative, ct).ConfigureAwait(false);
            if (response is null) continue;
            // Small files: buffered whole, as TarReader's exact-length reads hit Docker.DotNet's chunked stream end early.
            using var archive = new MemoryStream();
            await response.CopyToAsync(archive, ct).ConfigureAwait(false);
            archive.Position = 0;
            var parent = Path.Combine(localRoot, Path.GetDirectoryName(relative) ?? "");
            Directory.CreateDirectory(parent);
            await using var tar = new TarReader(archive);
            while (await tar.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
            {
                var target = Path.GetFullPath(Path.Combine(parent, entry.Name));
                if (!target.StartsWith(Path.GetFullPath(localRoot) + "/", StringComparison.Ordinal))
                    throw new BuildException($"The archive of {relative} from volume {volume} has an entry outside it: {entry.Name}.");
                if (entry.EntryType == TarEntryType.Directory) { Directory.CreateDirectory(target); continue; }
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await entry.ExtractToFileAsync(target, overwrite: true, ct).ConfigureAwait(false);
                File.SetLastWriteTimeUtc(target, entry.ModificationTime.UtcDateTime);
            }
        }
    }

    /// <summary>Writes the local files <paramref name="relatives"/> (under <paramref name="localRoot"/>, mode and mtime kept) into the volume at the same paths.</summary>
    public async Task WriteAsync(string localRoot, IReadOnlyCollection<string> relatives, CancellationToken ct)
    {
        if (relatives.Count == 0) return;
        var id = await HelperAsync(ct).ConfigureAwait(false);
        var file = Path.Combine(Path.GetTempPath(), $"eb-upload-{Guid.NewGuid():N}.tar");
        try
        {
            await using (var archive = File.Create(file))
            await using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
                foreach (var relative in relatives)
                    await tar.WriteEntryAsync(Path.Combine(localRoot, relative), relative, ct).ConfigureAwait(false);
            await using var upload = File.OpenRead(file);
            await client.Containers.ExtractArchiveToContainerAsync(id, new ContainerPathStatParameters { Path = mount }, upload, ct).ConfigureAwait(false);
        }
        finally { File.Delete(file); }
    }

    /// <summary>Copies a local directory's whole content into the volume (seeding a workspace from a local tree).</summary>
    public Task UploadDirectoryAsync(string localDirectory, CancellationToken ct) =>
        WriteAsync(localDirectory, [.. Directory.GetFiles(localDirectory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(localDirectory, f))], ct);

    /// <summary>Whether <paramref name="relative"/> exists in the volume.</summary>
    public async Task<bool> ExistsAsync(string relative, CancellationToken ct)
    {
        var id = await HelperAsync(ct).ConfigureAwait(false);
        try
        {
            await client.Containers.GetArchiveFromContainerAsync(id, new GetArchiveFromContainerParameters { Path = $"{mount}/{relative}" }, statOnly: true, ct).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return false; }
    }

    /// <summary>Runs <paramref name="command"/> in the volume (working directory its root) and returns its output lines.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(ContainerRunner runner, IReadOnlyList<string> command, CancellationToken ct)
    {
        await EnsureVolumeAsync(ct).ConfigureAwait(false);
        var lines = new List<string>();
        await runner.RunAsync(new ContainerSpec
        {
            Image = image, Command = command, Volumes = new Dictionary<string, string> { [volume] = mount }, WorkingDirectory = mount,
            NamePrefix = "edge-build-files", OutputLevel = LogLevel.Debug, OnLine = l => { lock (lines) lines.Add(l); },
        }, ct).ConfigureAwait(false);
        return lines;
    }

    /// <summary>Removes the helper container.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_helper is null) return;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await client.Containers.RemoveContainerAsync(_helper, new ContainerRemoveParameters { Force = true }, cts.Token).ConfigureAwait(false); }
        catch (Exception e) when (e is DockerApiException or OperationCanceledException or HttpRequestException)
        {
            BuildReport.Current.Warning($"Could not remove the helper container {_helper}: {e.Message}. Remove it with: docker rm -f {_helper}");
        }
        _helper = null;
    }
}
