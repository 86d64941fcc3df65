using EdgeBuild.Tooling;

namespace EdgeBuild.Packaging;

/// <summary>What the Sidecar target wrote.</summary>
public sealed record SidecarResult(string Archive, string ManifestFile, PackageManifest Manifest);

/// <summary>
/// Packs <see cref="SidecarInputs"/> into sidecar-&lt;board&gt;-&lt;version&gt;.tar.gz, laid out as it lands on the device
/// (extract at / after `mount -o rw,remount /`), with its manifest inside (etc/edge-build/sidecar-manifest.json)
/// and beside the archive.
/// </summary>
public static class SidecarBuilder
{
    /// <summary>Where the manifest sits inside the sidecar.</summary>
    public const string ManifestPath = "etc/edge-build/sidecar-manifest.json";

    /// <summary>The archive's file name for a board and version.</summary>
    public static string ArchiveName(string board, string version) => $"sidecar-{board}-{version}.tar.gz";

    /// <summary>Writes the archive and manifest into <paramref name="outputDirectory"/>.</summary>
    public static async Task<SidecarResult> BuildAsync(SidecarInputs inputs, string outputDirectory, long epoch,
        IReadOnlyDictionary<string, string> parameters, string? commit, CancellationToken ct)
    {
        var entries = new List<PackageFileEntry>();
        foreach (var file in inputs.Files)
            entries.Add(new PackageFileEntry(file.Destination, await FileHash.Sha256Async(file.Source, ct), new FileInfo(file.Source).Length,
                file.Executable ? "0755" : "0644", file.Component));
        entries.AddRange(inputs.Links.Select(l => new PackageFileEntry(l.Destination, null, 0, "0777", l.Component, l.Target)));
        var manifest = new PackageManifest
        {
            Kind = "sidecar", Board = inputs.Board, Version = inputs.Version, Commit = commit, SourceDateEpoch = epoch,
            Parameters = new SortedDictionary<string, string>(inputs.HoldsCloudToken
                ? parameters.Append(new(EdgecoreToken.ManifestParameter, EdgecoreToken.Embedded)).ToDictionary() : parameters.ToDictionary(), StringComparer.Ordinal),
            Components = inputs.Components,
            Files = [.. entries.OrderBy(e => e.Path, StringComparer.Ordinal)],
        };

        Directory.CreateDirectory(outputDirectory);
        var archive = Path.Combine(outputDirectory, ArchiveName(inputs.Board, inputs.Version));
        var manifestFile = Path.ChangeExtension(Path.ChangeExtension(archive, null), ".manifest.json");
        Files.WriteAtomically(manifestFile, manifest.ToJson());
        var items = ReproducibleArchive.ItemsFor(
            inputs.Files.Select(f => (f.Destination, f.Source, f.Executable)).Append((ManifestPath, manifestFile, false)),
            inputs.Links.Select(l => (l.Destination, l.Target)));
        ReproducibleArchive.Write(items, archive, inputs.HoldsCloudToken
            ? new ArchiveOptions { Epoch = epoch, FileMode = EdgecoreToken.SecretFileMode } : new ArchiveOptions { Epoch = epoch });
        return new SidecarResult(archive, manifestFile, manifest);
    }
}
