using EdgeBuild.Engine;
using EdgeBuild.Mirroring;
using EdgeBuild.Tooling;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Directory Mirror fills for an air-gapped build (then: --sources-dir DIR --offline).")] public readonly AbsolutePath? MirrorDir;

    /// <summary>Everything an offline build needs, in one directory.</summary>
    Target Mirror => _ => _
        .Description("Fills --mirror-dir with every pinned file (verified), `docker save` of the builder and golang images, the lock file and index.json; resumable.")
        .Requires(() => MirrorDir)
        .Executes(async ct =>
        {
            var entries = await new MirrorExporter(MirrorDir!, SourceFetcher).ExportAsync(
                [.. PinSet.All.SelectMany(p => p.Files.Select(f => (p, f)))],
                [.. new[] { BuilderImage ?? OhosSyncVersion.BuilderImage, GolangImage ?? KubeEdgeRelease.Series.GolangImage }.Distinct()],
                PinSet.Lock?.Path, ct);
            Summary.Note($"{entries.Count} file(s) in {MirrorDir}; offline: ./build.sh <target> --sources-dir {MirrorDir} --offline");
        });

    /// <summary>Loads the images of a --sources-dir mirror that the local Docker engine lacks, before anything needs them.</summary>
    Target MirrorImages => _ => _
        .Description("docker load of the --sources-dir mirror's images the local engine lacks.")
        .Unlisted()
        .OnlyWhenStatic(() => SourcesDir is { } dir && (dir / MirrorExporter.IndexFile).FileExists(), "no --sources-dir mirror index")
        .DependentFor(NeedMirrorImages)
        .Executes(async ct => await MirrorExporter.LoadMissingImagesAsync(SourcesDir!, ct));
}
