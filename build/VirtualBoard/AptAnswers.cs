using System.Text.Json;
using EdgeBuild.Tooling;

namespace EdgeBuild.VirtualBoard;

/// <summary>
/// apt-cache's answers (depends, policy) kept beside the .deb cache until apt's package lists change: on a loaded
/// 2-core machine the three queries of a run took 20 s of a setup-docker.sh round trip, and they only change with
/// apt-get update (or dpkg --add-architecture).
/// </summary>
public sealed class AptAnswers(AbsolutePath file)
{
    private static readonly string[] ListsStamps = ["/var/lib/apt/lists", "/var/cache/apt/pkgcache.bin", "/var/lib/dpkg/arch"];

    /// <summary>The output of apt-cache <paramref name="arguments"/>, from the file when apt's lists have not changed since it was kept.</summary>
    public async Task<string> AskAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var stamp = Stamp();
        var key = string.Join(" ", arguments);
        var kept = Read();
        if (kept.Stamp == stamp && kept.Answers.TryGetValue(key, out var answer)) return answer;
        answer = await ProcessRunner.OutputOfAsync("apt-cache", arguments, cancellationToken: ct);
        var answers = kept.Stamp == stamp ? new Dictionary<string, string>(kept.Answers) : [];
        answers[key] = answer;
        file.Parent.CreateDirectory();
        Files.WriteAtomically(file, JsonSerializer.Serialize(new Kept(stamp, answers)));
        return answer;
    }

    // The lists' directory changes when apt-get update renames files into it; arch when an architecture is added.
    private static string Stamp() =>
        string.Join(" ", ListsStamps.Select(p => Directory.Exists(p) ? Directory.GetLastWriteTimeUtc(p).Ticks : File.Exists(p) ? File.GetLastWriteTimeUtc(p).Ticks : 0));

    private Kept Read()
    {
        try { return file.FileExists() ? JsonSerializer.Deserialize<Kept>(File.ReadAllText(file)) ?? Kept.Empty : Kept.Empty; }
        catch (JsonException) { return Kept.Empty; }
    }

    private sealed record Kept(string Stamp, IReadOnlyDictionary<string, string> Answers)
    {
        public static readonly Kept Empty = new("", new Dictionary<string, string>());
    }
}
