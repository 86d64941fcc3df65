using EdgeBuild.Reporting;

using EdgeBuild.Caching;

namespace EdgeBuild.Engine;

/// <summary>The engine's two calls into the output cache: restore before running a cacheable target, store after it succeeded.</summary>
public static class CachedTarget
{
    /// <summary>The summary note of a restored target.</summary>
    public const string RestoredNote = "restored from cache";

    /// <summary>Restores the target's outputs from the cache and runs its restore hook; false on a miss (or a rejected entry).</summary>
    public static async Task<bool> TryRestoreAsync(TargetDefinition target, OutputCache cache, CancellationToken ct)
    {
        var key = OutputCacheKey.Compute(target);
        try
        {
            var entry = await cache.TryRestoreAsync(key, OutputCacheKey.Outputs(target), ct);
            if (entry is null) return false;
            if (target.Cache?.Restored is { } restored) await restored(entry.Extra, ct);
            BuildReport.Current.Information($"{target.Name}: {entry.Files.Count} files {RestoredNote} (entry {key[..16]}, {cache.Root})");
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            BuildReport.Current.Warning($"{target.Name}: outputs restored from the output cache failed their check ({e.Message}); entry dropped, rebuilding.");
            cache.Drop(key);
            return false;
        }
    }

    /// <summary>Stores the target's outputs (and what its capture hook keeps); a failure to store only warns.</summary>
    public static async Task StoreAsync(TargetDefinition target, OutputCache cache, CancellationToken ct)
    {
        try
        {
            var extra = target.Cache?.Capture is { } capture ? await capture(ct) : null;
            await cache.StoreAsync(OutputCacheKey.Compute(target), target.Name, OutputCacheKey.Outputs(target), extra, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BuildReport.Current.Warning($"{target.Name}: outputs not stored in the output cache {cache.Root}: {e.Message}");
        }
    }
}
