using System.Collections.Concurrent;

namespace EdgeBuild.Engine;

/// <summary>
/// The typed results targets hand to their dependents in one run, held by the engine: a producer provides its own
/// result (also when up to date, read back from its outputs); a dependent takes it, or its parameter's value, or fails
/// with one sentence naming the producer that did not run and the parameter that replaces it.
/// </summary>
public sealed class TargetResults
{
    private readonly ConcurrentDictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="value"/> as what <paramref name="producer"/> hands over in this run.</summary>
    public void Provide<T>(string producer, T value) where T : class => _values[producer] = value;

    /// <summary>What <paramref name="producer"/> handed over in this run, or null when it did not run (skipped, not planned, failed).</summary>
    public T? Find<T>(string producer) where T : class => _values.TryGetValue(producer, out var value) ? (T)value : null;
}
