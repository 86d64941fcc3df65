using EdgeBuild.Tooling;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeBuild.Manifests;

/// <summary>
/// artifacts/&lt;board&gt;/manifest.json: every output with its sha256, size, arch, component, version, source,
/// licence and producing target. Parallel targets (and processes) update it under a lock file and each
/// update is an atomic rewrite, so no entry is lost and no reader sees half a file.
/// </summary>
public sealed class ArtifactManifest(AbsolutePath boardArtifacts)
{
    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>The manifest file.</summary>
    public AbsolutePath File => boardArtifacts / "manifest.json";

    private sealed record Document(IReadOnlyList<ManifestEntry> Artifacts);

    /// <summary>The entries recorded so far, ordered by path.</summary>
    public IReadOnlyList<ManifestEntry> Read() =>
        File.FileExists() ? DataJson.Read<Document>(File, "artifacts manifest").Artifacts ?? [] : [];

    /// <summary>Hashes <paramref name="path"/> (inside artifacts/&lt;board&gt;) and records it from <paramref name="template"/>'s fields.</summary>
    public async Task<ManifestEntry> RecordFileAsync(string path, ManifestEntry template, CancellationToken ct)
    {
        var entry = template with
        {
            Path = AbsolutePath.Create(path).RelativeTo(boardArtifacts),
            Sha256 = await FileHash.Sha256Async(path, ct),
            Size = new FileInfo(path).Length,
        };
        await SetAsync([entry], ct);
        return entry;
    }

    /// <summary>Adds the entries, replacing any with the same path.</summary>
    public async Task SetAsync(IReadOnlyCollection<ManifestEntry> entries, CancellationToken ct)
    {
        await InProcess.WaitAsync(ct);
        try
        {
            // The lock file sits beside the board folder, so bundling artifacts/<board> never picks it up.
            using var fileLock = await FileLock.AcquireAsync(boardArtifacts.Parent / $".{boardArtifacts.Name}.manifest.lock", ct);
            var paths = entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
            var merged = Read().Where(e => !paths.Contains(e.Path)).Concat(entries).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
            Files.WriteAtomically(File, JsonSerializer.Serialize(new Document(merged), Json) + "\n");
        }
        finally { InProcess.Release(); }
    }
}
