using System.Text.Json;
using EdgeBuild.Tooling;

namespace EdgeBuild.Packaging;

/// <summary>
/// Read side of artifacts/&lt;board&gt;/manifest.json (written by the build targets): finds the component a built file
/// belongs to by its sha256, so files given by directory or path keep their version, source and licence.
/// </summary>
public sealed class BuiltArtifacts
{
    private sealed record Entry(string Path, string Sha256, string Component, string Version, string Source, string License, IReadOnlyList<string>? Changes);
    private sealed record Document(IReadOnlyList<Entry>? Artifacts);

    private readonly Dictionary<string, PackageComponent> _bySha = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="manifestFile"/>; a missing file gives an empty set.</summary>
    public static BuiltArtifacts Read(string manifestFile)
    {
        var result = new BuiltArtifacts();
        if (!File.Exists(manifestFile)) return result;
        foreach (var e in DataJson.Read<Document>(manifestFile, "artifacts manifest").Artifacts ?? [])
            result._bySha[e.Sha256] = new PackageComponent
            {
                Name = e.Component, Version = e.Version, Source = e.Source, License = e.License, Changes = e.Changes ?? [],
            };
        return result;
    }

    /// <summary>The component that produced a file with this sha256, if the manifest lists it.</summary>
    public PackageComponent? Find(string sha256) => _bySha.GetValueOrDefault(sha256);
}
