using EdgeBuild.Extraction;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>Unpacks <paramref name="archive"/> into <paramref name="destination"/> (the shared extractor's shape).</summary>
public delegate Task ArchiveExtractor(string archive, string destination, CancellationToken ct);

/// <summary>A KubeEdge source tree with vendor/, and the release it is.</summary>
public sealed record KubeEdgeSourceTree(string Root, KubeEdgeRelease Release)
{
    private const string ExtractedMarker = ".edge-build-extracted";

    /// <summary>
    /// The one place a tree comes from: <paramref name="directory"/> (--kubeedge-source) when given, else the release
    /// archive that <paramref name="archive"/> provides, unpacked under <paramref name="workDirectory"/>.
    /// </summary>
    public static async Task<KubeEdgeSourceTree> ResolveAsync(string? directory, Func<CancellationToken, Task<string>> archive,
        string workDirectory, KubeEdgeRelease release, ArchiveExtractor extract, CancellationToken ct) =>
        directory is not null ? FromDirectory(directory, release)
            : await FromArchiveAsync(await archive(ct), workDirectory, release, extract, ct);

    /// <summary>A local checkout, used (and patched) in place.</summary>
    public static KubeEdgeSourceTree FromDirectory(string directory, KubeEdgeRelease release)
    {
        var root = Path.GetFullPath(directory);
        var goMod = Path.Combine(root, "go.mod");
        if (!File.Exists(goMod) || !File.ReadLines(goMod).Any(l => l.Trim() == "module github.com/kubeedge/kubeedge"))
            throw new BuildException($"{root} is not a KubeEdge source tree: no go.mod declaring module github.com/kubeedge/kubeedge.");
        if (!Directory.Exists(Path.Combine(root, "vendor")))
            throw new BuildException($"{root} has no vendor/ directory. Use a release source tarball or run `go mod vendor` in it.");
        if (VendoredRunc(root) is { } runc && runc != release.Series.Runc)
            BuildReport.Current.Warning($"{root} vendors runc {runc}, but KubeEdge {release.Series.Minor} vendors {release.Series.Runc}: is --kubeedge-version {release.Version} the tree's version?");
        return new KubeEdgeSourceTree(root, release);
    }

    /// <summary>The release archive unpacked into workDirectory/kubeedge-&lt;version&gt; (reused while the archive is the same).</summary>
    public static async Task<KubeEdgeSourceTree> FromArchiveAsync(string archive, string workDirectory, KubeEdgeRelease release,
        ArchiveExtractor extract, CancellationToken ct)
    {
        var destination = Path.Combine(workDirectory, $"kubeedge-{release.Version}");
        var archiveHash = FileHash.Sha256(archive);
        var marker = Path.Combine(destination, ExtractedMarker);
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() == archiveHash)
        {
            BuildReport.Current.Information($"Using {destination} (unpacked from {Path.GetFileName(archive)}).");
            return FromDirectory(destination, release);
        }
        var staging = $"{destination}.unpacking";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            await extract(archive, staging, ct);
            // GitHub's tag archives hold one top-level folder (kubeedge-1.9.1/); the tree is inside it.
            var entries = Directory.GetFileSystemEntries(staging);
            var top = entries.Length == 1 && FileKinds.Of(entries[0]) == FileKind.Directory ? entries[0] : staging;
            // The kept tree is the top folder: a link leaving it would let the patcher read and write outside.
            new ConfinedTree(top).VerifyLinks(archive);
            if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
            Directory.Move(top, destination);
        }
        finally { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); }
        await File.WriteAllTextAsync(marker, archiveHash, ct);
        BuildReport.Current.Information($"Unpacked {Path.GetFileName(archive)} into {destination}.");
        return FromDirectory(destination, release);
    }

    /// <summary>What a build of the tree depends on: every top-level entry but git's data and build outputs.</summary>
    public IEnumerable<string> BuildInputs() =>
        Directory.EnumerateFileSystemEntries(Root).Where(p => Path.GetFileName(p) is not (".git" or "_output" or ExtractedMarker)).Order(StringComparer.Ordinal);

    /// <summary>The runc version in vendor/modules.txt, or null when it lists none.</summary>
    public static string? VendoredRunc(string root)
    {
        var modules = Path.Combine(root, "vendor", "modules.txt");
        return File.Exists(modules)
            ? File.ReadLines(modules).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length >= 3 && p[0] == "#" && p[1] == "github.com/opencontainers/runc")?[2]
            : null;
    }
}
