using EdgeBuild.Engine;
using EdgeBuild.Packaging;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Timestamp of every archive entry, seconds since 1970 (default: the last commit's time).")] public string? SourceDateEpoch;
    [Parameter("Directory BenchmarkPackaging packs (default: the build's own output directory).")] public AbsolutePath? BenchmarkInput;

    /// <summary>Compares the reproducible packer with `tar | gzip -6` on one tree.</summary>
    Target BenchmarkPackaging => _ => _
        .Description("Packs one tree with the reproducible parallel-gzip packer and with tar | gzip -6 (and pigz), prints sizes, times and ratios.")
        .Unlisted()
        .Executes(async ct =>
        {
            var input = BenchmarkInput ?? AbsolutePath.Create(AppContext.BaseDirectory);
            var results = await PackagingBenchmark.RunAsync(input, TemporaryDirectory / "benchmark-packaging", ct);
            Log.Information(PackagingBenchmark.Render(results));
            var (ours, gzip) = (results.Single(r => r.Method.StartsWith("ReproducibleArchive level 7")), results.Single(r => r.Method.StartsWith("tar | gzip")));
            Summary.Note($"level 7: {(double)ours.Bytes / gzip.Bytes:F3}x the size of gzip -6, {gzip.Elapsed / ours.Elapsed:F1}x as fast");
        });
}
