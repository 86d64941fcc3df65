namespace EdgeBuild.Caching;

/// <summary>What a cacheable target adds to its stored outputs, and how it checks restored ones.</summary>
public sealed record CacheHooks
{
    /// <summary>After a run: data kept with the entry (e.g. the target's manifest entries); null keeps nothing.</summary>
    public Func<CancellationToken, Task<string?>>? Capture { get; init; }
    /// <summary>After a restore: re-records the captured data and checks the outputs; throwing rejects the entry (dropped, target run).</summary>
    public Func<string?, CancellationToken, Task>? Restored { get; init; }
}
