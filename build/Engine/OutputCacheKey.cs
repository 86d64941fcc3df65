using System.Text;
using EdgeBuild.Tooling;

using EdgeBuild.Caching;

namespace EdgeBuild.Engine;

/// <summary>
/// The output cache key of a target: its name, content keys, input files' bytes and declared outputs' names. Unlike the
/// up-to-date key it names files by their place inside each declared input or output, never by absolute path, so a
/// fresh --artifacts directory or a second clone computes the same key.
/// </summary>
public static class OutputCacheKey
{
    /// <summary>Bumped when the entry layout or what the key covers changes.</summary>
    private const int Version = 1;

    /// <summary>The key for the target's current inputs.</summary>
    public static string Compute(TargetDefinition target)
    {
        var text = new StringBuilder($"output-cache:{Version}\ntarget:{target.Name}\n");
        foreach (var key in target.ContentKeys) text.Append("key:").AppendLine(key());
        foreach (var input in target.InputProviders.SelectMany(p => p()))
        {
            var full = Path.GetFullPath(input);
            var name = Path.GetFileName(full.TrimEnd('/'));
            if (Directory.Exists(full))
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    text.Append("in:").Append(name).Append('/').Append(Path.GetRelativePath(full, file)).Append('=').AppendLine(FileHash.Sha256(file));
            else text.Append("in:").Append(name).Append('=').AppendLine(File.Exists(full) ? FileHash.Sha256(full) : "missing");
        }
        foreach (var output in Outputs(target)) text.Append("out:").AppendLine(Path.GetFileName(output));
        return FileHash.Sha256OfText(text.ToString());
    }

    /// <summary>The target's declared outputs, full paths in declaration order.</summary>
    public static IReadOnlyList<string> Outputs(TargetDefinition target) =>
        target.OutputProviders.SelectMany(p => p()).Select(p => Path.GetFullPath(p).TrimEnd('/')).Distinct().ToList();
}
