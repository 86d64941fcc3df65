using System.Text.Json;
using EdgeBuild.Caching;
using EdgeBuild.Engine;
using EdgeBuild.Manifests;
using EdgeBuild.Tooling;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Output cache directory: cacheable targets' outputs by input hash, shared by every checkout and artifacts directory (default: $XDG_CACHE_HOME/edge-build/outputs; ccache beside it); `./build.sh Clean --outputs-cache [DIR]` removes it.", ValueOptional = true)] public readonly AbsolutePath? OutputsCache;
    [Parameter("Output cache size limit in MiB; least recently used entries are evicted beyond it.")] public readonly int OutputsCacheMib = (int)(OutputCache.DefaultSizeLimit >> 20);
    [Parameter("Run without the output cache and ccache (every cacheable target is built).")] public readonly bool NoOutputsCache;

    /// <summary>The output cache directory.</summary>
    public AbsolutePath OutputsCacheDirectory => OutputsCache ?? UserCacheDirectory / "outputs";
    /// <summary>ccache's directory, beside the output cache.</summary>
    public AbsolutePath CcacheDirectory => OutputsCacheDirectory.Parent / "ccache";

    private OutputCache? _outputCache;
    /// <summary>The output cache the engine restores and stores cacheable targets with (none with --no-outputs-cache).</summary>
    public override OutputCache? OutputCache => NoOutputsCache ? null : _outputCache ??= new OutputCache(OutputsCacheDirectory, (long)OutputsCacheMib << 20);

    /// <summary>Lists the output cache's entries.</summary>
    Target CacheInfo => _ => _
        .Description("Lists the output cache: entries (target, key, files, size, last use, hits) and the total against the size limit.")
        .Executes(() =>
        {
            var entries = new OutputCache(OutputsCacheDirectory, (long)OutputsCacheMib << 20).List();
            Log.Information(CacheInfoText.Render(OutputsCacheDirectory, entries, (long)OutputsCacheMib << 20));
            Summary.Note($"{entries.Count} entries, {CacheInfoText.Size(entries.Sum(e => e.Size))}, {entries.Sum(e => e.Hits)} hits");
        });

    private void RemoveOutputsCache()
    {
        new OutputCache(OutputsCacheDirectory, 0).Clear();
        if (CcacheDirectory.DirectoryExists()) Directory.Delete(CcacheDirectory, recursive: true);
        Log.Information($"Removed the output cache {OutputsCacheDirectory} and {CcacheDirectory}");
        Summary.Note($"removed {OutputsCacheDirectory} and {CcacheDirectory}");
    }

    /// <summary>
    /// Cache hooks keeping the target's artifacts/&lt;board&gt;/manifest.json entries with its outputs and recording them
    /// again on restore, then running <paramref name="verify"/> on the restored outputs.
    /// </summary>
    private CacheHooks ManifestCacheHooks(string target, Func<CancellationToken, Task>? verify = null) => new()
    {
        Capture = _ => Task.FromResult<string?>(JsonSerializer.Serialize(ArtifactManifest.Read().Where(e => e.Target == target).ToList(), Tooling.DataJson.Options)),
        Restored = async (extra, ct) =>
        {
            var entries = extra is null ? [] : JsonSerializer.Deserialize<List<ManifestEntry>>(extra, Tooling.DataJson.Options) ?? [];
            await ArtifactManifest.SetAsync(entries, ct);
            if (verify is not null) await verify(ct);
        },
    };

    /// <summary>$XDG_CACHE_HOME/edge-build (default ~/.cache/edge-build).</summary>
    private static AbsolutePath UserCacheDirectory => AbsolutePath.Create(Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "edge-build"));
}
