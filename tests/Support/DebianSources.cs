using EdgeBuild.Engine;
using EdgeBuild.Fetching;
using EdgeBuild.Pins;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Support;

/// <summary>
/// Fills a directory with the bookworm profile's sources under their upstream names (busybox-1.35.0.tar.bz2,
/// iproute2-6.1.0.tar.xz, iptables-1.8.9.tar.xz) from Debian's .orig tarballs: the same bytes, reachable from
/// machines that only see a Debian mirror (CI, air-gapped users). Idempotent; files already there are kept.
/// </summary>
public static class DebianSources
{
    /// <summary>EDGE_BUILD_TEST_SOURCES, else /var/cache/edge-build/test-sources (shared by test runs, CI and the benchmark).</summary>
    public static AbsolutePath DefaultDirectory => AbsolutePath.Create(
        Environment.GetEnvironmentVariable("EDGE_BUILD_TEST_SOURCES") is { Length: > 0 } dir ? dir : "/var/cache/edge-build/test-sources");

    private const string DebSrcFile = "/etc/apt/sources.list.d/edge-build-deb-src.sources";
    private const string DebianSourcesTemplate = "/etc/apt/sources.list.d/debian.sources";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string?> NonInteractive = new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

    /// <summary>The pins of the bookworm profile (targets/pins-bookworm.json over targets/pins/) under <paramref name="root"/>.</summary>
    public static IReadOnlyList<Pin> BookwormPins(AbsolutePath root)
    {
        var pins = PinSet.Load(root / "targets" / "pins", root / "targets" / "pins-bookworm.json");
        return pins.Overridden.Select(name => pins[name]).ToList();
    }

    /// <summary>Makes sure <paramref name="directory"/> (default <see cref="DefaultDirectory"/>) holds the bookworm sources of the repository at <paramref name="root"/>.</summary>
    public static Task<AbsolutePath> EnsureBookwormAsync(AbsolutePath root, AbsolutePath? directory = null, CancellationToken ct = default) =>
        EnsureAsync(BookwormPins(root), directory ?? DefaultDirectory, ct);

    /// <summary>Makes sure <paramref name="directory"/> holds each pin's file; Debian source package = pin name, version = pin version.</summary>
    public static async Task<AbsolutePath> EnsureAsync(IReadOnlyList<Pin> pins, AbsolutePath directory, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var missing = pins.Where(p => !(directory / p.FileFor().FileName).FileExists()).ToList();
            if (missing.Count == 0) return directory;
            if (ProcessRunner.Which("apt-get") is null)
                throw new BuildException($"{directory} lacks {string.Join(", ", missing.Select(m => m.FileFor().FileName))} and apt-get is absent: put those upstream tarballs there, or set EDGE_BUILD_TEST_SOURCES to a directory holding them.");
            await EnsureDebSrcAsync(ct);
            var scratch = (directory / $".apt-{Environment.ProcessId}").CreateDirectory();
            try
            {
                // --download-only: no dpkg-source unpacking (no dpkg-dev needed); only the .orig is kept.
                await ProcessRunner.RunAsync("apt-get", ["source", "--download-only", "-qq", .. missing.Select(m => m.Name)],
                    new ProcessOptions { WorkingDirectory = scratch, Environment = NonInteractive }, ct);
                foreach (var pin in missing)
                {
                    var file = pin.FileFor();
                    var orig = Directory.GetFiles(scratch, $"{pin.Name}_{pin.Version}.orig.tar.*").FirstOrDefault()
                        ?? throw new BuildException($"apt-get source {pin.Name} gave no {pin.Name}_{pin.Version}.orig.tar.* (is this Debian 12 bookworm?); got: {string.Join(", ", Directory.GetFiles(scratch).Select(Path.GetFileName))}.");
                    var actual = await FileHash.Sha256Async(orig, ct);
                    if (actual != file.Sha256)
                        throw new BuildException($"{Path.GetFileName(orig)} from apt-get source has sha256 {actual}, but pin {pin.Name} ({pin.Origin}) expects {file.Sha256} for {file.FileName}.");
                    File.Move(orig, directory / file.FileName, overwrite: true);
                    Log.Information($"{directory / file.FileName} from Debian's {Path.GetFileName(orig)}");
                }
            }
            finally { Directory.Delete(scratch, recursive: true); }
            return directory;
        }
        finally { Gate.Release(); }
    }

    private static async Task EnsureDebSrcAsync(CancellationToken ct)
    {
        var lists = Directory.GetFiles("/etc/apt/sources.list.d").Append("/etc/apt/sources.list").Where(File.Exists);
        var hasDebSrc = lists.Any(f => File.ReadLines(f).Any(l => l.TrimStart().StartsWith("deb-src", StringComparison.Ordinal)
            || (l.StartsWith("Types:", StringComparison.Ordinal) && l.Contains("deb-src", StringComparison.Ordinal))));
        if (hasDebSrc && Directory.GetFiles("/var/lib/apt/lists", "*_Sources*").Length > 0) return;
        if (!hasDebSrc)
        {
            if (!File.Exists(DebianSourcesTemplate))
                throw new BuildException($"No deb-src entry and no {DebianSourcesTemplate} to copy one from: add a deb-src line for bookworm to /etc/apt/sources.list, then rerun.");
            if (Environment.UserName != "root")
                throw new BuildException($"apt-get source needs a deb-src entry; as root, copy {DebianSourcesTemplate} to {DebSrcFile} with 'Types: deb-src', then apt-get update.");
            var text = string.Join("\n", File.ReadLines(DebianSourcesTemplate).Select(l => l.StartsWith("Types:", StringComparison.Ordinal) ? "Types: deb-src" : l));
            Files.WriteAtomically(DebSrcFile, text + "\n");
            Log.Information($"Added {DebSrcFile} (a deb-src copy of {DebianSourcesTemplate}) so apt-get source works.");
        }
        await ProcessRunner.RunAsync("apt-get", ["update", "-qq"], new ProcessOptions { Environment = NonInteractive }, ct);
    }
}
