using EdgeBuild.Reporting;
using EdgeBuild.Tooling;

namespace EdgeBuild.Extraction;

/// <summary>
/// bzip2 and xz tarballs decompressed by the host's own tools into a plain .tar beside the staging directory:
/// SharpCompress's managed decompressors took ~5.7 s for busybox's tarball, most of the orchestrator's own CPU in a cold
/// userland (docs/benchmarks-userland.md). The tar's entries are still read and confined by <see cref="SafeExtractor"/>;
/// the decompressed size is capped, so a bomb cannot fill the disk before the byte budget sees it.
/// </summary>
public static class NativeDecompression
{
    // A genuine tar is its files' bytes plus ~1 KiB of header and padding per entry: twice the byte budget and 64 MiB
    // leave room for many small files, and still stop a bomb long before the disk fills.
    private const long TarHeadroom = 64L << 20;

    /// <summary>
    /// Decompresses <paramref name="archive"/> with <paramref name="tool"/> (bzip2 or xz) to <paramref name="tar"/> and
    /// returns true; false (nothing written) when the tool or bash is not installed, so the caller decompresses in managed code.
    /// </summary>
    public static async Task<bool> TryDecompressAsync(string archive, string tool, string tar, ExtractionLimits limits, CancellationToken ct)
    {
        if (ProcessRunner.Which(tool) is null || ProcessRunner.Which("bash") is null) return false;
        var bytes = limits.MaxBytesFor(new FileInfo(archive).Length);
        var cap = bytes > (long.MaxValue - 1 - TarHeadroom) / 2 ? long.MaxValue - 1 : 2 * bytes + TarHeadroom;
        // The paths and the cap are arguments, never part of the script.
        var result = await ProcessRunner.RunAsync("bash",
            ["-c", """set -o pipefail; "$0" -dc -- "$1" | head -c "$2" > "$3" """, tool, archive, (cap + 1).ToString(), tar],
            new ProcessOptions { AllowFailure = true, Heartbeat = null }, ct);
        if (new FileInfo(tar).Length > cap)
            throw new ExtractionLimitException($"{archive} decompresses to more than {cap} bytes, beyond what targets/extraction-limits.json allows for its size; refused as a likely archive bomb (raise the limit there if the archive is genuine).");
        if (result.ExitCode != 0)
            throw new BuildException($"{archive} is not a whole {tool} file ({tool} -dc: {string.Join(" ", result.LastLines).Trim()}): delete it and fetch it again.");
        return true;
    }
}
