using System.Text;
using EdgeBuild.Tooling;

namespace EdgeBuild.Caching;

/// <summary>The table CacheInfo prints.</summary>
public static class CacheInfoText
{
    /// <summary>One line per entry, most recently used first, then the total against the limit.</summary>
    public static string Render(AbsolutePath root, IReadOnlyList<CacheEntryInfo> entries, long limit)
    {
        var text = new StringBuilder($"Output cache {root}\n");
        text.AppendLine($"{"Target",-14} {"Key",-16} {"Files",5} {"Size",10} {"Last used",-20} {"Hits",5}");
        foreach (var e in entries)
            text.AppendLine($"{e.Target,-14} {e.Key[..16],-16} {e.Files,5} {Size(e.Size),10} {e.LastUsed.ToLocalTime():yyyy-MM-dd HH:mm:ss} {e.Hits,5}");
        text.Append($"{entries.Count} entries, {Size(entries.Sum(e => e.Size))} of {Size(limit)}");
        return text.ToString();
    }

    /// <summary>Bytes as KiB/MiB/GiB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        _ => $"{bytes / 1024.0:0.0} KiB",
    };
}
