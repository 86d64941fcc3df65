using System.Diagnostics;
using EdgeBuild.Tooling;

namespace EdgeBuild.Packaging;

/// <summary>One way of packing a tree: its archive size and wall time.</summary>
public sealed record BenchmarkResult(string Method, long Bytes, TimeSpan Elapsed);

/// <summary>Packs one tree with <see cref="ReproducibleArchive"/> and with `tar | gzip -6` (and `tar | pigz -6` when present) in one run, to compare size and speed.</summary>
public static class PackagingBenchmark
{
    /// <summary>Runs every method on <paramref name="input"/>, writing archives under <paramref name="workDirectory"/> (removed afterwards).</summary>
    public static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(string input, string workDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(workDirectory);
        var results = new List<BenchmarkResult>();
        try
        {
            // Warm the page cache so the first method is not charged for disk reads.
            await ShellAsync($"tar -C '{input}' -cf - . > /dev/null", ct);
            // zlib-ng's levels do not match GNU gzip's size for size, so every level that could is measured.
            foreach (var level in new[] { 6, 7, 8, 9 })
            {
                var ours = Path.Combine(workDirectory, $"ours-{level}.tar.gz");
                var watch = Stopwatch.StartNew();
                ReproducibleArchive.Write(input, ours, new ArchiveOptions { Epoch = 0, Level = level });
                results.Add(new BenchmarkResult($"ReproducibleArchive level {level} ({Environment.ProcessorCount} cores)", new FileInfo(ours).Length, watch.Elapsed));
            }
            const string tar = "tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner";
            results.Add(await TimeShellAsync("tar | gzip -6 -n", $"{tar} -C '{input}' -cf - . | gzip -6 -n", Path.Combine(workDirectory, "gzip.tar.gz"), ct));
            if (ProcessRunner.Which("pigz") is not null)
                results.Add(await TimeShellAsync("tar | pigz -6 -n", $"{tar} -C '{input}' -cf - . | pigz -6 -n", Path.Combine(workDirectory, "pigz.tar.gz"), ct));
            return results;
        }
        finally { Directory.Delete(workDirectory, recursive: true); }
    }

    /// <summary>A Markdown table of <paramref name="results"/>, each row with its size and time relative to the first `tar | gzip` row.</summary>
    public static string Render(IReadOnlyList<BenchmarkResult> results)
    {
        var baseline = results.First(r => r.Method.StartsWith("tar | gzip", StringComparison.Ordinal));
        var lines = new List<string> { "| method | bytes | seconds | size vs gzip -6 | speed-up vs gzip -6 |", "|---|---:|---:|---:|---:|" };
        lines.AddRange(results.Select(r =>
            $"| {r.Method} | {r.Bytes} | {r.Elapsed.TotalSeconds:F2} | {(double)r.Bytes / baseline.Bytes:F4} | {baseline.Elapsed.TotalSeconds / r.Elapsed.TotalSeconds:F2}x |"));
        return string.Join('\n', lines);
    }

    private static async Task<BenchmarkResult> TimeShellAsync(string method, string pipeline, string output, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await ShellAsync($"{pipeline} > '{output}'", ct);
        return new BenchmarkResult(method, new FileInfo(output).Length, watch.Elapsed);
    }

    private static Task<ProcessResult> ShellAsync(string script, CancellationToken ct) =>
        ProcessRunner.RunAsync("sh", ["-c", "set -e; " + script], new ProcessOptions(), ct);
}
