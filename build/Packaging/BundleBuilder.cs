using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>What a board bundle is made from.</summary>
public sealed record BundleSources
{
    /// <summary>The board.</summary>
    public required BoardDefinition Board { get; init; }
    /// <summary>Version, commit and timestamp.</summary>
    public required ReleaseIdentity Identity { get; init; }
    /// <summary>The OpenHarmony images (BuildOpenHarmony's artifacts/&lt;board&gt;/images or --ohos-images).</summary>
    public required string ImagesDirectory { get; init; }
    /// <summary>The images' OpenHarmony version's flash layout.</summary>
    public required FlashLayout Layout { get; init; }
    /// <summary>The Sidecar target's archive; its manifest sits beside it.</summary>
    public required string SidecarArchive { get; init; }
    /// <summary>artifacts/&lt;board&gt;/manifest.json: component facts of built images.</summary>
    public required string ArtifactsManifest { get; init; }
    /// <summary>targets/boards: the family's flash script and README template.</summary>
    public required string BoardsDirectory { get; init; }
    /// <summary>Where bundle-&lt;version&gt;/ and its tar.gz go (artifacts/&lt;board&gt;).</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>The target that builds it (named in the README).</summary>
    public required string TargetName { get; init; }
    /// <summary>Build parameters recorded in the manifest.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>What the OpenHarmony version the images come from flashes: its required images and parameter.txt partitions.</summary>
/// <param name="RequiredImages">Images the bundle cannot do without (3.1 has no ramdisk.img).</param>
/// <param name="Partitions">The partitions of that version's parameter.txt, in order.</param>
/// <param name="Source">Which version said so, for messages (OpenHarmony 3.1, targets/openharmony/3.1.json).</param>
public sealed record FlashLayout(IReadOnlyList<string> RequiredImages, IReadOnlyList<string> Partitions, string Source);

/// <summary>What the bundle target wrote.</summary>
public sealed record BundleResult(string Directory, string Archive, PackageManifest Manifest);

/// <summary>
/// Assembles bundle-&lt;version&gt;/: images, partitions.map and RKDevTool config.cfg, the sidecar, flash.sh,
/// README-FLASH.md, manifest.json, an SPDX SBOM and SHA256SUMS over all of it; then packs it reproducibly.
/// </summary>
public static class BundleBuilder
{
    private const string ProjectComponent = "edge-build";
    private const string ImagesComponent = "openharmony";

    /// <summary>Builds the bundle; fails listing every missing input first.</summary>
    public static async Task<BundleResult> BuildAsync(BundleSources s, CancellationToken ct)
    {
        var board = s.Board;
        var missing = s.Layout.RequiredImages.Where(i => !File.Exists(Path.Combine(s.ImagesDirectory, i))).ToList();
        if (missing.Count > 0)
            throw new BuildException($"{s.ImagesDirectory} lacks {string.Join(", ", missing)}, which {s.Layout.Source} needs; run BuildOpenHarmony, point --ohos-images at a directory with the board's images, or pass the --ohos-version they were built from.");
        if (!File.Exists(s.SidecarArchive)) throw new BuildException($"Sidecar {s.SidecarArchive} is missing; run Sidecar with the same --release-version.");
        var sidecarManifestFile = Path.ChangeExtension(Path.ChangeExtension(s.SidecarArchive, null), ".manifest.json");
        var sidecar = PackageManifest.FromJson(await File.ReadAllTextAsync(sidecarManifestFile, ct));
        var flashScript = Path.Combine(s.BoardsDirectory, $"{board.Family}-flash.sh");
        var readmeTemplate = Path.Combine(s.BoardsDirectory, $"{board.Family}-README-FLASH.md");
        foreach (var file in new[] { flashScript, readmeTemplate })
            if (!File.Exists(file)) throw new BuildException($"{file} is missing: boards of family {board.Family} need it.");

        var imageNames = s.Layout.RequiredImages.Concat(board.OptionalImages.Where(i => File.Exists(Path.Combine(s.ImagesDirectory, i)))).Distinct().ToList();
        var imageFiles = BundleImages.Resolve(s.ImagesDirectory, imageNames);

        var name = $"bundle-{s.Identity.Version}";
        var directory = Path.Combine(s.OutputDirectory, name);
        var staging = directory + ".partial";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        try
        {
            var manifest = await StageAsync(s, sidecar, imageNames, imageFiles, staging, flashScript, readmeTemplate, ct);
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.Move(staging, directory);
            var archive = Path.Combine(s.OutputDirectory, $"{name}.tar.gz");
            try { DiskFull.Writing(archive, () => ReproducibleArchive.Write(directory, archive, new ArchiveOptions { Epoch = s.Identity.Epoch, Prefix = name,
                FileMode = EdgecoreToken.IsIn(sidecar) ? EdgecoreToken.SecretFileMode : new ArchiveOptions().FileMode })); }
            catch
            {
                // A bundle directory without its archive is not an output of a successful run.
                Directory.Delete(directory, recursive: true);
                throw;
            }
            return new BundleResult(directory, archive, manifest);
        }
        // Whatever failed (a bad image, a full disk, cancellation), no half-made bundle stays behind.
        finally { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); }
    }

    // Writes the bundle's files into staging and returns its manifest.
    private static async Task<PackageManifest> StageAsync(BundleSources s, PackageManifest sidecar, List<string> imageNames,
        IReadOnlyDictionary<string, string> imageFiles, string staging, string flashScript, string readmeTemplate, CancellationToken ct)
    {
        var board = s.Board;
        var images = Directory.CreateDirectory(Path.Combine(staging, "images")).FullName;
        foreach (var image in imageNames) CopyFile(imageFiles[image], Path.Combine(images, image));
        var partitions = ParameterTxt.Parse(await File.ReadAllTextAsync(Path.Combine(images, board.Parameter), ct), Path.Combine(s.ImagesDirectory, board.Parameter));
        if (s.Layout.Partitions.Count > 0 && !partitions.Select(p => p.Name).SequenceEqual(s.Layout.Partitions))
            throw new BuildException($"{Path.Combine(s.ImagesDirectory, board.Parameter)} has partitions {string.Join(", ", partitions.Select(p => p.Name))}, " +
                $"but {s.Layout.Source} flashes {string.Join(", ", s.Layout.Partitions)}; pass the --ohos-version these images were built from.");
        var mapped = partitions.Select(p => (p.Name, Image: board.PartitionImages.GetValueOrDefault(p.Name)))
            .Where(p => p.Image is not null && imageNames.Contains(p.Image)).ToList();
        Files.WriteAtomically(Path.Combine(images, "partitions.map"), string.Concat(mapped.Select(m => $"{m.Name} {m.Image}\n")));
        await File.WriteAllBytesAsync(Path.Combine(images, "config.cfg"), RkDevToolFor(board, partitions, imageNames, s.Identity.Epoch).Write(), ct);

        CopyFile(flashScript, Path.Combine(staging, "flash.sh"));
        File.SetUnixFileMode(Path.Combine(staging, "flash.sh"), (UnixFileMode)0b111_101_101);
        CopyFile(s.SidecarArchive, Path.Combine(staging, Path.GetFileName(s.SidecarArchive)));
        Files.WriteAtomically(Path.Combine(staging, "README-FLASH.md"), (await File.ReadAllTextAsync(readmeTemplate, ct))
            .Replace("{{DISPLAY_NAME}}", board.DisplayName).Replace("{{VERSION}}", s.Identity.Version).Replace("{{BOARD}}", board.Name)
            .Replace("{{SIDECAR}}", Path.GetFileName(s.SidecarArchive)).Replace("{{RKDEVTOOL_DIR}}", board.RkdevtoolImagesDirectory)
            .Replace("{{TARGET}}", s.TargetName).Replace("{{DATA_ROOT}}", sidecar.Parameters.GetValueOrDefault("data-root", "/mnt/f2fs")));

        // Every file's digest, computed once: the manifest, SBOM and SHA256SUMS all use it.
        var built = BuiltArtifacts.Read(s.ArtifactsManifest);
        var components = sidecar.Components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var entries = new List<PackageFileEntry>();
        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(staging, file).Replace('\\', '/');
            var sha = await FileHash.Sha256Async(file, ct);
            var component = ProjectComponent;
            if (relative.StartsWith("images/", StringComparison.Ordinal) && imageNames.Contains(relative["images/".Length..]))
            {
                var image = built.Find(sha) ?? new PackageComponent { Name = ImagesComponent, Version = "NOASSERTION", Source = s.ImagesDirectory, License = "Apache-2.0" };
                components.TryAdd(image.Name, image);
                component = image.Name;
            }
            var executable = (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
            entries.Add(new PackageFileEntry(relative, sha, new FileInfo(file).Length, executable ? "0755" : "0644", component));
        }
        var manifest = new PackageManifest
        {
            Kind = "bundle", Board = board.Name, Version = s.Identity.Version, Commit = s.Identity.Commit, SourceDateEpoch = s.Identity.Epoch,
            Parameters = new SortedDictionary<string, string>(s.Parameters.Concat(sidecar.Parameters).DistinctBy(p => p.Key).ToDictionary(), StringComparer.Ordinal),
            Components = [.. components.Values.OrderBy(c => c.Name, StringComparer.Ordinal)],
            Files = entries,
        };
        Files.WriteAtomically(Path.Combine(staging, "manifest.json"), manifest.ToJson());
        Files.WriteAtomically(Path.Combine(staging, SpdxSbom.FileName), SpdxSbom.Render(manifest));
        var digests = entries.ToDictionary(e => e.Path, e => e.Sha256!);
        foreach (var extra in new[] { "manifest.json", SpdxSbom.FileName })
            digests[extra] = await FileHash.Sha256Async(Path.Combine(staging, extra), ct);
        Files.WriteAtomically(Path.Combine(staging, Sha256Sums.FileName), Sha256Sums.Render(digests));
        return manifest;
    }

    private static void CopyFile(string from, string to) => DiskFull.Writing(to, () => File.Copy(from, to));

    /// <summary>RKDevTool's download list: loader and parameter at 0, then every partition at its offset, ticked when the bundle has its image.</summary>
    public static RkDevToolConfig RkDevToolFor(BoardDefinition board, IReadOnlyList<RockchipPartition> partitions, IReadOnlyList<string> images, long epoch)
    {
        string PathOf(string image) => board.RkdevtoolImagesDirectory.TrimEnd('\\') + "\\" + image;
        var entries = new List<RkDevToolEntry> { new("Loader", PathOf(board.Loader), 0, true), new("Parameter", PathOf(board.Parameter), 0, true) };
        foreach (var p in partitions)
        {
            var image = board.PartitionImages.GetValueOrDefault(p.Name);
            var present = image is not null && images.Contains(image);
            entries.Add(new RkDevToolEntry(p.Name, present ? PathOf(image!) : "", checked((uint)p.Offset), present));
        }
        return new RkDevToolConfig(DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime, entries);
    }
}
