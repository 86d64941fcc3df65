using System.Text;
using System.Text.Json;
using EdgeBuild.Tooling;

namespace EdgeBuild.Engine;

/// <summary>
/// Decides whether an incremental target is up to date: a key over its content keys, input files and
/// declared outputs must match the one recorded at its last success, and every output must still hold
/// the bytes it had then.
/// </summary>
public sealed class IncrementalState(AbsolutePath stateDirectory)
{
    private sealed record Record(string Key, Dictionary<string, string> Outputs);

    /// <summary>The key for the target's current inputs.</summary>
    public static string ComputeKey(TargetDefinition target)
    {
        var text = new StringBuilder();
        foreach (var key in target.ContentKeys) text.Append("key:").AppendLine(key());
        foreach (var path in Expand(target.InputProviders)) text.Append("in:").Append(path).Append('=').AppendLine(HashFile(path));
        foreach (var path in Declared(target.OutputProviders)) text.Append("out:").AppendLine(path);
        return FileHash.Sha256OfText(text.ToString());
    }

    /// <summary>True when the recorded key matches and all outputs are unchanged.</summary>
    public bool IsUpToDate(TargetDefinition target, string key)
    {
        var file = FileFor(target);
        if (!File.Exists(file)) return false;
        Record? record;
        try { record = JsonSerializer.Deserialize<Record>(File.ReadAllText(file)); }
        catch (JsonException) { return false; }
        if (record is null || record.Key != key) return false;
        return record.Outputs.All(o => File.Exists(o.Key) && HashFile(o.Key) == o.Value);
    }

    /// <summary>Records a success, with the hash of every output.</summary>
    public void Save(TargetDefinition target, string key)
    {
        var outputs = Expand(target.OutputProviders).ToDictionary(p => p, HashFile);
        Directory.CreateDirectory(stateDirectory);
        var file = FileFor(target);
        File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(new Record(key, outputs)));
        File.Move(file + ".tmp", file, overwrite: true);
    }

    /// <summary>Forgets a target's record (after a failure, so a half-written output is never trusted).</summary>
    public void Forget(TargetDefinition target) => File.Delete(FileFor(target));

    private string FileFor(TargetDefinition target) => stateDirectory / $"{target.Name}.json";

    private static IEnumerable<string> Declared(List<Func<IEnumerable<string>>> providers) =>
        providers.SelectMany(p => p()).Select(p => Path.GetFullPath(p)).Distinct().Order(StringComparer.Ordinal);

    private static IEnumerable<string> Expand(List<Func<IEnumerable<string>>> providers) =>
        Declared(providers).SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [p]);

    private static string HashFile(string path)
    {
        return File.Exists(path) ? FileHash.Sha256(path) : "missing";
    }
}
