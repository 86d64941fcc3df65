using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeBuild.Tooling;

namespace EdgeBuild.Packaging;

/// <summary>One file in a sidecar or bundle: path, digest, size, mode and the component it belongs to.</summary>
public sealed record PackageFileEntry(string Path, string? Sha256, long Size, string Mode, string Component, string? LinkTarget = null);

/// <summary>manifest.json of a sidecar or bundle: what it is, every component and every file.</summary>
public sealed record PackageManifest
{
    /// <summary>"sidecar" or "bundle".</summary>
    public required string Kind { get; init; }
    /// <summary>Board name.</summary>
    public required string Board { get; init; }
    /// <summary>Release version.</summary>
    public required string Version { get; init; }
    /// <summary>Commit of the build repository, when known.</summary>
    public string? Commit { get; init; }
    /// <summary>SOURCE_DATE_EPOCH used for every timestamp.</summary>
    public long SourceDateEpoch { get; init; }
    /// <summary>Build parameters that shaped the contents (data root, mirrors, images source...).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new SortedDictionary<string, string>();
    /// <summary>Components, by name.</summary>
    public IReadOnlyList<PackageComponent> Components { get; init; } = [];
    /// <summary>Files, by path.</summary>
    public IReadOnlyList<PackageFileEntry> Files { get; init; } = [];

    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    /// <summary>Stable JSON text (ordered lists, indented, trailing newline).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Parses manifest.json text.</summary>
    public static PackageManifest FromJson(string json) => JsonSerializer.Deserialize<PackageManifest>(json, Json)
        ?? throw new Reporting.BuildException("manifest.json is empty.");
}
