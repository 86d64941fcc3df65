using EdgeBuild.Containers;
using EdgeBuild.Engine;
using EdgeBuild.Kernel;
using EdgeBuild.Manifests;
using EdgeBuild.OpenHarmony;
using EdgeBuild.Tooling;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("OpenHarmony source tree (default: the tree SyncOpenHarmony keeps in --ohos-workspace).")] public readonly AbsolutePath? OhosSource;
    [Parameter("OpenHarmony version: a line (3.1 ... 7.0: its newest known release) or one release (5.0.3, 6.0.0.2, 6.1-LTS); default: read from the tree, else the data's default (3.1).")] public readonly string? OhosVersion;
    [Parameter("Where SyncOpenHarmony keeps the source: a directory, or volume:NAME for a named volume on the engine (default: $XDG_CACHE_HOME/edge-build/openharmony/<version>; on a remote engine the volume edge-build-ohos-<version>).")] public readonly AbsolutePath? OhosWorkspace;
    [Parameter("Build container image (default: the official one of the OpenHarmony version, from targets/openharmony, or a local image derived from it when the version needs packages it lacks).")] public readonly string? BuilderImage;
    [Parameter("OpenHarmony product for build.sh --product-name (default: the board name).")] public readonly string? OhosProduct;
    [Parameter("Extra --gn-args for OpenHarmony's build.sh (key=value, repeatable).")] public readonly string[]? GnArgs;
    [Parameter("Extra arguments appended to OpenHarmony's build.sh.")] public readonly string[]? OhosBuildArgs;
    [Parameter("Named Docker volume holding the OpenHarmony build's ccache (kept between builds).")] public readonly string OhosCcacheVolume = "edge-build-ohos-ccache";
    [Parameter("Parallel fetches for repo sync.")] public readonly int OhosSyncJobs = 4;
    [Parameter("Free disk SyncOpenHarmony insists on, in GiB (default: the version's estimate in targets/openharmony).")] public readonly int? OhosSyncFreeGib;

    private OhosCatalog? _ohosCatalog;
    /// <summary>Known OpenHarmony versions and their layouts (targets/openharmony).</summary>
    public OhosCatalog OhosCatalog => _ohosCatalog ??= OhosCatalog.Load(TargetsDirectory / "openharmony");
    /// <summary>The tree the OpenHarmony targets work on, with its version: --ohos-source, else the synced workspace.</summary>
    public OhosTree OhosTree => Context.OhosTree;
    /// <summary>The named volume the synced tree lives in (volume:NAME, or any workspace on a remote engine); null for a local directory.</summary>
    internal string? OhosWorkspaceVolume => OhosVolumeTree.VolumeFor(OhosWorkspace, OhosSyncVersion.Version, DockerEngine.Endpoint().IsRemote);
    /// <summary>Version synced when no --ohos-source is given.</summary>
    internal OhosVersionInfo OhosSyncVersion => OhosCatalog.Resolve(OhosVersion, null);
    /// <summary>--ohos-workspace, else the per-user cache folder of the version.</summary>
    internal AbsolutePath OhosWorkspaceDirectory => OhosWorkspace ?? OhosSync.DefaultWorkspace(OhosSyncVersion.Version);
    /// <summary>What the images of the tree's version flash: required images and parameter.txt partitions (the bundle checks both).</summary>
    EdgeBuild.Packaging.FlashLayout OhosFlashLayout
    {
        get
        {
            var version = OhosTree.Version;
            return new(version.RequiredImages, version.Partitions, $"OpenHarmony {version.ReleaseName} (targets/openharmony/{version.Version}.json)");
        }
    }
    /// <summary>What PatchOpenHarmony hands over; with --ohos-source and PatchOpenHarmony skipped, the tree as given (no changes recorded).</summary>
    OhosTreePatched OhosTreePatched => Take(nameof(PatchOpenHarmony), "--ohos-source DIR (a tree patched already) or --ohos-images DIR",
        () => OhosSource is not null ? new OhosTreePatched([]) : null);

    /// <summary>PatchOpenHarmony's tree patches, applied in this order.</summary>
    IReadOnlyList<ITreePatch> OhosTreePatches =>
    [
        BuildImageRootDirs.Load(PatchesDirectory / "openharmony" / "build-image-root-dirs.json"),
        SelinuxFileContexts.Load(PatchesDirectory / "openharmony" / "selinux-file-contexts.json"),
        new KernelFragmentPatch(OhosKernelFragment.FromTargets(TargetsDirectory, Board), KernelFragmentFile, GnArgs ?? []),
    ];

    /// <summary>The images the bundle packs: --ohos-images, else what BuildOpenHarmony hands over (or left in artifacts/&lt;board&gt;/images by an earlier run).</summary>
    AbsolutePath OhosImagesForBundle => OhosImagesDirectory ?? Take(nameof(BuildOpenHarmony), "--ohos-images DIR",
        () => (BoardArtifacts / "images").DirectoryExists() ? new OhosImagesBuilt(BoardArtifacts / "images", []) : null).Directory;

    /// <summary>Steps BuildOpenHarmony runs on the finished build, in this order (<paramref name="collect"/> first).</summary>
    IReadOnlyList<IOhosBuildStep> OhosBuildSteps(CollectImages collect) =>
    [
        collect,
        new KernelConfigStep(KernelConfigChecker.FromTargets(TargetsDirectory), BoardArtifacts / "openharmony" / "kernel-config-report.json", Reporter),
    ];

    /// <summary>The local builder image of <paramref name="version"/> when it needs packages its official image lacks and no --builder-image is given.</summary>
    EdgeBuild.Containers.DerivedImage? OhosDerivedBuilder(OhosVersionInfo version) => BuilderImage is null && version.BuilderPackages.Count > 0
        ? new() { Base = version.BuilderImage, Packages = version.BuilderPackages, InstallCommand = OhosCatalog.Common.BuilderPackagesInstall }
        : null;

    /// <summary>What --plan says about the builder image: --builder-image, the derived image, or the official one.</summary>
    string OhosBuilderImageNote(OhosVersionInfo version) => BuilderImage is { } given ? $"{given} (--builder-image)"
        : OhosDerivedBuilder(version)?.ToString() ?? $"{version.BuilderImage} (official)";

    /// <summary>The kernel the tree builds, with where that comes from, and the config layer the fragment goes into.</summary>
    string OhosKernelNote()
    {
        var version = OhosTree.Version;
        var kernel = version.KernelFor(GnArgs ?? []);
        var layout = OhosKernelFragment.FromTargets(TargetsDirectory, Board).LayoutFor(version.Version, kernel);
        var why = kernel == version.Kernel.Default ? "tree default, build/ohos/kernel/kernel.gni" : "--gn-args linux_kernel_version";
        return $"kernel {kernel} ({why}); fragment {Path.GetFileName(KernelFragmentFile)} into {layout.Target}" +
            (layout.MergedAfter.Count > 0 ? $", conflicting lines fixed in the later layers {string.Join(", ", layout.MergedAfter)}" : "") +
            (layout.SourceChecker is { } checkpoint ? $"; a change removes {checkpoint} so the kernel source is copied again" : "");
    }

    /// <summary>Free disk the sync asks for, in GiB: --ohos-sync-free-gib or the version's estimate.</summary>
    int OhosSyncFree => OhosSyncFreeGib ?? OhosSyncVersion.SyncFreeGib;

    /// <summary>The sync SyncOpenHarmony runs.</summary>
    OhosSyncRequest OhosSyncRequest => new()
    {
        Workspace = OhosWorkspaceDirectory,
        Version = OhosSyncVersion,
        Layout = OhosCatalog.Common,
        Image = BuilderImage ?? OhosSyncVersion.BuilderImage,
        Jobs = OhosSyncJobs,
        RequiredFreeBytes = OhosSyncFreeGib is { } gib ? (long)gib << 30 : null,
        LogDirectory = BoardArtifacts / "logs",
        DryRun = DryRun,
        Force = Force,
        ForceEngineArchitecture = ForceEngineArch,
        Volume = OhosWorkspaceVolume,
    };

    /// <summary>The build BuildOpenHarmony runs.</summary>
    OhosBuildRequest OhosBuildRequest
    {
        get
        {
            var tree = OhosTree;
            return new()
            {
                Tree = tree,
                Layout = OhosCatalog.Common,
                Product = OhosProduct ?? Board,
                Image = OhosDerivedBuilder(tree.Version)?.Tag ?? BuilderImage ?? tree.Version.BuilderImage,
                Derived = OhosDerivedBuilder(tree.Version),
                GnArgs = GnArgs ?? [],
                ExtraArgs = OhosBuildArgs ?? [],
                LogDirectory = BoardArtifacts / "logs",
                CcacheVolume = OhosCcacheVolume,
                LocalImagesDirectory = BoardArtifacts / "images",
                DryRun = DryRun,
                ForceEngineArchitecture = ForceEngineArch,
            };
        }
    }

    /// <summary>Syncs the source when no --ohos-source is given.</summary>
    Target SyncOpenHarmony => _ => _
        .Description("Syncs the OpenHarmony source with repo in the version's official container, into --ohos-workspace (skipped with --ohos-source).")
        .OnlyWhenStatic(() => OhosSource is null, "--ohos-source given")
        .PlanNote(() => $"OpenHarmony {OhosSyncVersion.ReleaseName}: repo init -u {OhosSyncVersion.Manifest.Url} -b {OhosSyncVersion.Manifest.Revision} " +
            $"into {OhosWorkspaceDirectory} (asks for {OhosSyncFree} GiB free: an estimate)" +
            (OhosSyncVersion.PrebuiltsConfig is { } config ? $"; prebuilts by build/prebuilts_download.sh from {config}" : ""))
        .ContentKey(() => $"{OhosSyncVersion.Version} {OhosSyncVersion.Manifest} {OhosWorkspaceDirectory}")
        .Outputs(() => [OhosSyncState.FileIn(OhosWorkspaceDirectory)])
        .Executes(async ct => await OhosSync.RunAsync(OhosSyncRequest, ct));

    /// <summary>Version-aware source changes: root dirs, SELinux labels, the kernel fragment.</summary>
    Target PatchOpenHarmony => _ => _
        .Description("Patches the OpenHarmony tree for Docker: root image dirs, SELinux labels, kernel config fragment; --dry-run shows the diff.")
        .DependsOn(SyncOpenHarmony)
        .PlanNote(OhosKernelNote)
        .Executes(async ct =>
        {
            var tree = OhosTree;
            var changes = tree.Volume is null ? OhosTreePatcher.Apply(tree, OhosTreePatches, DryRun, Reporter)
                : await OhosVolumeTree.PatchAsync(tree, OhosBuildRequest.Image, OhosTreePatches, OhosVolumeTree.PatchedPaths(tree.Version,
                    OhosKernelFragment.FromTargets(TargetsDirectory, Board).LayoutFor(tree.Version.Version, tree.Version.KernelFor(GnArgs ?? []))), DryRun, ct);
            if (!DryRun) OhosDataFile.Write(BoardArtifacts / "openharmony" / "tree-changes.json", changes);
            Results.Provide(nameof(PatchOpenHarmony), new OhosTreePatched(changes));
        });

    /// <summary>Builds the images in the official container, then runs <see cref="OhosBuildSteps"/>.</summary>
    Target BuildOpenHarmony => _ => _
        .Description("Builds OpenHarmony in its official container (Docker engine from DOCKER_HOST), collects the images, checks the built kernel config; skipped with --ohos-images.")
        .OnlyWhenStatic(() => OhosImagesDirectory is null, "--ohos-images given")
        .DependsOn(PatchOpenHarmony)
        .PlanNote(() => $"OpenHarmony {OhosTree.Version.ReleaseName} ({OhosTree.Version.Manifest.Revision}) in builder image {OhosBuilderImageNote(OhosTree.Version)}: " +
            string.Join(" ", OhosBuilder.BuildCommand(OhosBuildRequest)) + $"; engine {EngineFacts.DescribeAsync(TimeSpan.FromSeconds(10), OhosBuildRequest.Image).GetAwaiter().GetResult().Line}")
        .Executes(async ct =>
        {
            var changes = OhosTreePatched.Changes;
            var collect = new CollectImages(BoardArtifacts / "images");
            await OhosBuilder.RunAsync(OhosBuildRequest, OhosBuildSteps(collect), ct);
            if (collect.Collected.Count > 0) await ArtifactManifest.SetAsync([.. collect.Collected.Select(i => OhosImageManifestEntry(i, changes))], ct);
            if (!DryRun) Results.Provide(nameof(BuildOpenHarmony), new OhosImagesBuilt(BoardArtifacts / "images", collect.Collected));
        });

    /// <summary>What the artifact manifest (and so the SBOM) says about one built image.</summary>
    ManifestEntry OhosImageManifestEntry(CollectedImage image, IReadOnlyList<FileChange> changes) => new()
    {
        Path = image.Path.RelativeTo(BoardArtifacts), Sha256 = image.Sha256, Size = image.Size,
        Component = "openharmony", Version = OhosTree.Version.ReleaseName, License = "Apache-2.0", Target = nameof(BuildOpenHarmony),
        Source = $"{OhosTree.Version.Manifest.Url} {OhosTree.Version.Manifest.Revision} (tree {OhosTree.Root})",
        Changes = [.. changes.Select(c => $"{c.Patch}: {c.File}")],
    };
}
