using EdgeBuild.Engine;
using EdgeBuild.Tooling;

namespace EdgeBuild.Testing;

/// <summary>
/// Fills a directory with the bookworm userland sources under their upstream names (busybox-1.35.0.tar.bz2,
/// iproute2-6.1.0.tar.xz, iptables-1.8.9.tar.xz), from Debian's .orig tarballs: the same bytes, reachable
/// from machines that only see a Debian mirror (CI, air-gapped users).
/// </summary>
public static class DebianSources
{
    /// <summary>Debian source package, the version apt-get source asks for, and the upstream file name its .orig becomes.</summary>
    public sealed record SourcePackage(string Package, string Version, string UpstreamFileName)
    {
        /// <summary>The .orig tarball apt-get source downloads (upstream extension kept).</summary>
        public string OrigFileName => $"{Package}_{Version}.orig.tar{UpstreamFileName[(UpstreamFileName.LastIndexOf(".tar", StringComparison.Ordinal) + 4)..]}";
    }

    /// <summary>What the bookworm profile pins (targets/pins-bookworm.json), as Debian names them.</summary>
    public static readonly IReadOnlyList<SourcePackage> Bookworm =
    [
        new("busybox", "1.35.0", "busybox-1.35.0.tar.bz2"),
        new("iproute2", "6.1.0", "iproute2-6.1.0.tar.xz"),
        new("iptables", "1.8.9", "iptables-1.8.9.tar.xz"),
    ];

    /// <summary>EDGE_BUILD_TEST_SOURCES, else /var/cache/edge-build/test-sources (shared by test runs, CI and the benchmark).</summary>
    public static AbsolutePath DefaultDirectory => AbsolutePath.Create(
        Environment.GetEnvironmentVariable("EDGE_BUILD_TEST_SOURCES") is { Length: > 0 } dir ? dir : "/var/cache/edge-build/test-sources");

    private const string DebSrcFile = "/etc/apt/sources.list.d/edge-build-deb-src.sources";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes sure <paramref name="directory"/> holds every bookworm source file; downloads only what is missing.</summary>
    public static async Task<AbsolutePath> EnsureAsync(AbsolutePath? directory = null, CancellationToken ct = default)
    {
        var target = directory ?? DefaultDirectory;
        await Gate.WaitAsync(ct);
        try
        {
            var missing = Bookworm.Where(p => !(target / p.UpstreamFileName).FileExists()).ToList();
            if (missing.Count == 0) return target;
            if (ProcessRunner.Which("apt-get") is null)
                throw new BuildException($"{target} lacks {string.Join(", ", missing.Select(m => m.UpstreamFileName))} and apt-get is absent: put those upstream tarballs there, or set EDGE_BUILD_TEST_SOURCES to a directory holding them.");
            await EnsureDebSrcAsync(ct);
            var scratch = (target / $".apt-{Environment.ProcessId}").CreateDirectory();
            try
            {
                // --download-only: no dpkg-source unpacking, so no dpkg-dev needed; the .orig is all we keep. The
                // candidate source of a bookworm system carries these upstream versions (checked just below).
                await ProcessRunner.RunAsync("apt-get", ["source", "--download-only", "-qq", .. missing.Select(m => m.Package)],
                    new ProcessOptions { WorkingDirectory = scratch, Environment = NonInteractive }, ct);
                foreach (var package in missing)
                {
                    var orig = Directory.GetFiles(scratch, $"{package.Package}_{package.Version}.orig.tar.*").FirstOrDefault()
                        ?? throw new BuildException($"apt-get source {package.Package} gave no {package.OrigFileName} (is this Debian 12 bookworm?); files: {string.Join(", ", Directory.GetFiles(scratch).Select(Path.GetFileName))}.");
                    File.Move(orig, target / package.UpstreamFileName, overwrite: true);
                }
            }
            finally { Directory.Delete(scratch, recursive: true); }
            return target;
        }
        finally { Gate.Release(); }
    }

    private static readonly Dictionary<string, string?> NonInteractive = new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

    private static async Task EnsureDebSrcAsync(CancellationToken ct)
    {
        var lists = Directory.GetFiles("/etc/apt/sources.list.d").Append("/etc/apt/sources.list").Where(File.Exists);
        var hasDebSrc = lists.Any(f => File.ReadLines(f).Any(l => l.TrimStart().StartsWith("deb-src", StringComparison.Ordinal)
            || (l.StartsWith("Types:", StringComparison.Ordinal) && l.Contains("deb-src", StringComparison.Ordinal))));
        if (!hasDebSrc)
        {
            const string template = "/etc/apt/sources.list.d/debian.sources";
            if (!File.Exists(template))
                throw new BuildException($"No deb-src entry and no {template} to copy one from: add a deb-src line for bookworm to /etc/apt/sources.list, then rerun.");
            if (Environment.UserName != "root")
                throw new BuildException($"apt-get source needs a deb-src entry; as root, copy {template} to {DebSrcFile} with 'Types: deb-src', then apt-get update.");
            var text = string.Join("\n", File.ReadLines(template).Select(l => l.StartsWith("Types:", StringComparison.Ordinal) ? "Types: deb-src" : l));
            Files.WriteAtomically(DebSrcFile, text + "\n");
            Log.Information($"Added {DebSrcFile} (deb-src copy of {template}) so apt-get source works.");
        }
        else if (Directory.GetFiles("/var/lib/apt/lists", "*_source_Sources*").Length > 0) return;
        await ProcessRunner.RunAsync("apt-get", ["update", "-qq"], new ProcessOptions { Environment = NonInteractive }, ct);
    }
}
