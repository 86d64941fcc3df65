using EdgeBuild.Tooling;
using EdgeBuild.Packaging;
using EdgeBuild.Reporting;

namespace EdgeBuild.Releasing;

/// <summary>The files a board release carries, named so several boards and versions can share one release page.</summary>
public sealed record ReleaseAssets(PackageManifest Manifest, string ManifestAssetName, IReadOnlyList<ReleaseAssetFile> Files)
{
    /// <summary>Bundle, sidecar, SBOM and manifest of <paramref name="board"/> <paramref name="version"/>, plus a SHA256SUMS over them written to <paramref name="workDirectory"/>.</summary>
    public static ReleaseAssets Collect(string boardArtifacts, string board, string version, string workDirectory)
    {
        var bundle = Path.Combine(boardArtifacts, $"bundle-{version}");
        if (!Directory.Exists(bundle))
            throw new BuildException($"{bundle} does not exist; build it first: ./build.sh Bundle<Board> --board {board} --release-version {version}.");
        var manifestName = $"manifest-{board}.json";
        var files = new List<ReleaseAssetFile>
        {
            new($"bundle-{board}-{version}.tar.gz", bundle + ".tar.gz"),
            new(SidecarBuilder.ArchiveName(board, version), Path.Combine(boardArtifacts, SidecarBuilder.ArchiveName(board, version))),
            new($"sbom-{board}-{version}.spdx.json", Path.Combine(bundle, SpdxSbom.FileName)),
            new(manifestName, Path.Combine(bundle, "manifest.json")),
        };
        var missing = files.Where(f => !File.Exists(f.Path)).Select(f => f.Path).ToList();
        if (missing.Count > 0) throw new BuildException($"Release assets missing: {string.Join(", ", missing)}; rebuild the bundle.");
        var bundleManifest = PackageManifest.FromJson(File.ReadAllText(Path.Combine(bundle, "manifest.json")));
        var sidecarManifest = Path.ChangeExtension(Path.ChangeExtension(files[1].Path, null), ".manifest.json");
        if (EdgecoreToken.IsIn(bundleManifest) || (File.Exists(sidecarManifest) && EdgecoreToken.IsIn(PackageManifest.FromJson(File.ReadAllText(sidecarManifest)))))
            throw new BuildException($"Release refuses to publish {files[1].Name} and {files[0].Name}: they hold the cloud token (built with --embed-cloud-token); rebuild Sidecar and Bundle{char.ToUpperInvariant(board[0])}{board[1..]} without it.");
        Directory.CreateDirectory(workDirectory);
        var sums = Path.Combine(workDirectory, Sha256Sums.FileName);
        var digests = files.ToDictionary(f => f.Name, f => FileHash.Sha256Async(f.Path).GetAwaiter().GetResult());
        Tooling.Files.WriteAtomically(sums, Sha256Sums.Render(digests));
        files.Add(new ReleaseAssetFile(Sha256Sums.FileName, sums));
        return new ReleaseAssets(bundleManifest, manifestName, files);
    }
}
