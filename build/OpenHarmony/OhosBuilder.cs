using EdgeBuild.Containers;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>One OpenHarmony build: the tree, product, container image and extra build arguments.</summary>
public sealed record OhosBuildRequest
{
    /// <summary>The source tree and its version.</summary>
    public required OhosTree Tree { get; init; }
    /// <summary>Container layout shared by all versions (mounts, ccache).</summary>
    public required OhosCommon Layout { get; init; }
    /// <summary>build.sh --product-name.</summary>
    public required string Product { get; init; }
    /// <summary>Builder image (default: the version's official one, or the image derived from it).</summary>
    public required string Image { get; init; }
    /// <summary>How to build <see cref="Image"/> when it is derived locally (the version needs packages its official image lacks).</summary>
    public Containers.DerivedImage? Derived { get; init; }
    /// <summary>Each becomes --gn-args VALUE.</summary>
    public IReadOnlyList<string> GnArgs { get; init; } = [];
    /// <summary>Appended to build.sh's arguments as given.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];
    /// <summary>Where openharmony-build.log goes (artifacts/&lt;board&gt;/logs).</summary>
    public required AbsolutePath LogDirectory { get; init; }
    /// <summary>Named volume kept between builds for ccache.</summary>
    public string CcacheVolume { get; init; } = "edge-build-ohos-ccache";
    /// <summary>Where a build in a volume copies its images to (artifacts/&lt;board&gt;/images); default: images/ beside the log directory.</summary>
    public AbsolutePath? LocalImagesDirectory { get; init; }
    /// <summary>Container name prefix.</summary>
    public string NamePrefix { get; init; } = "edge-build-ohos";
    /// <summary>Extra container labels (tests find their containers by them).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>Build on an engine that is not amd64 (--force-engine-arch).</summary>
    public bool ForceEngineArchitecture { get; init; }
    /// <summary>Print the container commands, run nothing.</summary>
    public bool DryRun { get; init; }
}

/// <summary>
/// Builds OpenHarmony in its official container: prebuilts download (skipped when present), then build.sh with
/// ccache; the container goes away on success, failure and Ctrl-C, and root-owned outputs go back to the user.
/// </summary>
public sealed class OhosBuilder(ContainerRunner runner)
{
    /// <summary>Builds through the engine named by DOCKER_HOST, then runs <paramref name="steps"/> on the output, in order.</summary>
    public static async Task RunAsync(OhosBuildRequest request, IReadOnlyList<IOhosBuildStep> steps, CancellationToken ct)
    {
        if (!request.DryRun) await EngineFacts.RequireAsync(request.ForceEngineArchitecture, ct, request.Image).ConfigureAwait(false);
        using var client = DockerEngine.Connect();
        if (await new OhosBuilder(new ContainerRunner(client)).BuildAsync(request, ct).ConfigureAwait(false) is not { } output) return;
        try
        {
            foreach (var step in steps)
            {
                BuildReport.Current.Information($"Build step {step.Name}");
                await step.RunAsync(output, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            if (output.FromVolume is { } volume) await volume.Files.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs the build and returns where the images are (null on a dry run); fails with the log's last lines on a non-zero exit.</summary>
    public async Task<OhosBuildOutput?> BuildAsync(OhosBuildRequest request, CancellationToken ct)
    {
        var tree = request.Tree;
        if (tree.Volume is not null) return await BuildInVolumeAsync(request, ct).ConfigureAwait(false);
        if (!(tree.Root / "build.sh").FileExists())
            throw new BuildException($"{tree.Root} is not an OpenHarmony source tree (no build.sh). Give one with --ohos-source, or drop --ohos-source " +
                $"to sync OpenHarmony {tree.Version.Version} (./build.sh SyncOpenHarmony --ohos-version {tree.Version.Version}; by hand: repo init -u " +
                $"{tree.Version.Manifest.Url} -b {tree.Version.Manifest.Revision} --no-repo-verify && repo sync -c && repo forall -c 'git lfs pull').");
        var imagesDirectory = tree.Root / tree.Version.ImagesDirectoryFor(request.Product);
        if (request.DryRun)
        {
            BuildReport.Current.Information($"would run in {request.Image} with {tree.Root} at {request.Layout.SourceMount}: ./build/prebuilts_download.sh " +
                $"(when prebuilts are absent), then {string.Join(" ", BuildCommand(request))}; images expected in {imagesDirectory}");
            return null;
        }
        var logFile = await PrepareAsync(request, ct).ConfigureAwait(false);
        var owner = await FileOwner.InvokingUserAsync(tree.Root, ct).ConfigureAwait(false);
        var mount = request.Layout.SourceMount;
        var spec = Spec(request, logFile) with { Binds = new Dictionary<string, string> { [tree.Root] = mount } };
        BuildReport.Current.Information($"Building OpenHarmony {tree.Version.ReleaseName} ({request.Product}) in {request.Image}; log: {logFile}");
        try
        {
            var present = tree.Version.PrebuiltsMarkers.All(m => File.Exists(tree.Root / m) || Directory.Exists(tree.Root / m));
            await PrebuiltsThenBuildAsync(request, spec, present, ct).ConfigureAwait(false);
        }
        finally
        {
            await OwnershipRestorer.RestoreAsync(runner, spec, mount, owner).ConfigureAwait(false);
        }
        return new OhosBuildOutput(tree, request.Product, imagesDirectory, logFile);
    }

    // The same build with the tree in a named volume: nothing of it is bound from this machine, and nothing is chowned back.
    private async Task<OhosBuildOutput?> BuildInVolumeAsync(OhosBuildRequest request, CancellationToken ct)
    {
        var (tree, mount) = (request.Tree, request.Layout.SourceMount);
        var imagesDirectory = tree.Version.ImagesDirectoryFor(request.Product);
        if (request.DryRun)
        {
            BuildReport.Current.Information($"would run in {request.Image} with volume {tree.Volume} at {mount}: ./build/prebuilts_download.sh (when prebuilts are absent), " +
                $"then {string.Join(" ", BuildCommand(request))}; images copied out of {imagesDirectory} through the archive API");
            return null;
        }
        var logFile = await PrepareAsync(request, ct).ConfigureAwait(false);
        var files = new VolumeFiles(runner.Client, tree.Volume!, request.Image, mount);
        try
        {
            if (!await files.ExistsAsync("build.sh", ct).ConfigureAwait(false))
                throw new BuildException($"Volume {tree.Volume} holds no OpenHarmony source tree (no build.sh). Sync into it first: ./build.sh SyncOpenHarmony " +
                    $"--ohos-workspace volume:{tree.Volume} --ohos-version {tree.Version.Version}.");
            var spec = Spec(request, logFile);
            spec = spec with
            {
                Volumes = new Dictionary<string, string>(spec.Volumes) { [tree.Volume!] = mount },
                Labels = new Dictionary<string, string>(spec.Labels) { [VolumeLabel] = tree.Volume! },
            };
            var (prebuilts, build) = Steps(request, spec);
            var adoptable = await OhosVolumeOrphans.SortAsync(runner, files, [ContainerRunner.SpecHash(prebuilts), ContainerRunner.SpecHash(build)], ct).ConfigureAwait(false);
            BuildReport.Current.Information($"Building OpenHarmony {tree.Version.ReleaseName} ({request.Product}) in {request.Image} on volume {tree.Volume}; log: {logFile}");
            var present = true;
            foreach (var marker in tree.Version.PrebuiltsMarkers) present &= await files.ExistsAsync(marker, ct).ConfigureAwait(false);
            await PrebuiltsThenBuildAsync(request, spec, present, ct, adoptable).ConfigureAwait(false);
            return new OhosBuildOutput(tree, request.Product, request.LocalImagesDirectory ?? request.LogDirectory.Parent / "images", logFile)
            {
                FromVolume = new VolumeImageCopy(files, runner),
                VolumeImagesDirectory = imagesDirectory,
            };
        }
        catch
        {
            await files.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Label naming the volume a build container works on, so a re-run after a crash finds what the crashed run left.</summary>
    public const string VolumeLabel = "edge-build.ohos-volume";

    // The builder image is there and the log starts empty.
    private async Task<AbsolutePath> PrepareAsync(OhosBuildRequest request, CancellationToken ct)
    {
        if (request.Derived is { } derived) await runner.EnsureImageAsync(derived, ct).ConfigureAwait(false);
        else await runner.EnsureImageAsync(request.Image, ct).ConfigureAwait(false);
        var logFile = request.LogDirectory.CreateDirectory() / "openharmony-build.log";
        File.Delete(logFile);
        return logFile;
    }

    // The build container without the tree's mount: image, ccache volume, environment, log, labels.
    private static ContainerSpec Spec(OhosBuildRequest request, AbsolutePath logFile) => new()
    {
        Image = request.Image,
        Command = [],
        Volumes = new Dictionary<string, string> { [request.CcacheVolume] = request.Layout.CcacheMount },
        Environment = request.Layout.Environment.Concat(request.Layout.CcacheEnvironment).ToDictionary(),
        WorkingDirectory = request.Layout.SourceMount,
        LogFile = logFile,
        NamePrefix = request.NamePrefix,
        Labels = request.Labels,
    };

    // prebuilts_download.sh unless the prebuilts are there, then build.sh; either one a crashed run left running is adopted.
    private async Task PrebuiltsThenBuildAsync(OhosBuildRequest request, ContainerSpec spec, bool prebuiltsPresent, CancellationToken ct,
        IReadOnlyDictionary<string, Docker.DotNet.Models.ContainerListResponse>? adoptable = null)
    {
        async Task RunOrAdoptAsync(ContainerSpec step)
        {
            if (adoptable is not null && adoptable.TryGetValue(ContainerRunner.SpecHash(step), out var orphan))
                await runner.AdoptAsync(orphan.ID, orphan.Names.FirstOrDefault()?.TrimStart('/') ?? orphan.ID, step, ct).ConfigureAwait(false);
            else await runner.RunAsync(step, ct).ConfigureAwait(false);
        }
        var (prebuilts, build) = Steps(request, spec);
        if (!prebuiltsPresent || adoptable?.ContainsKey(ContainerRunner.SpecHash(prebuilts)) == true) await RunOrAdoptAsync(prebuilts).ConfigureAwait(false);
        else BuildReport.Current.Information("Prebuilts already present: skipping build/prebuilts_download.sh");
        await RunOrAdoptAsync(build).ConfigureAwait(false);
    }

    // The two containers of a build: prebuilts_download.sh and build.sh.
    private static (ContainerSpec Prebuilts, ContainerSpec Build) Steps(OhosBuildRequest request, ContainerSpec spec) =>
        (spec with { Command = request.Layout.TrustingGit(["./build/prebuilts_download.sh"]) }, spec with { Command = request.Layout.TrustingGit(BuildCommand(request)) });

    /// <summary>./build.sh --product-name P --ccache, the version's own arguments (--no-prebuilt-sdk), --gn-args for each, then the extra arguments.</summary>
    public static IReadOnlyList<string> BuildCommand(OhosBuildRequest request) =>
        ["./build.sh", "--product-name", request.Product, "--ccache", .. request.Tree.Version.BuildArgs,
         .. request.GnArgs.SelectMany(g => new[] { "--gn-args", g }), .. request.ExtraArgs];
}
