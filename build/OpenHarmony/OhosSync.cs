using EdgeBuild.Containers;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>One sync: where, which version, which image, how many parallel fetches, and how much free disk to insist on.</summary>
public sealed record OhosSyncRequest
{
    /// <summary>The workspace the source is synced into.</summary>
    public required AbsolutePath Workspace { get; init; }
    /// <summary>The version (manifest URL, revision, expected size).</summary>
    public required OhosVersionInfo Version { get; init; }
    /// <summary>Container layout shared by all versions.</summary>
    public required OhosCommon Layout { get; init; }
    /// <summary>The image with repo and git-lfs (the version's official builder).</summary>
    public required string Image { get; init; }
    /// <summary>repo sync --jobs.</summary>
    public int Jobs { get; init; } = 4;
    /// <summary>Free bytes required before a fresh sync starts; null: the version's syncFreeGib.</summary>
    public long? RequiredFreeBytes { get; init; }
    /// <summary>Where openharmony-sync.log goes (artifacts/&lt;board&gt;/logs).</summary>
    public required AbsolutePath LogDirectory { get; init; }
    /// <summary>Container name prefix.</summary>
    public string NamePrefix { get; init; } = "edge-build-ohos-sync";
    /// <summary>Extra container labels (tests find their containers by them).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>Build on an engine that is not amd64 (--force-engine-arch).</summary>
    public bool ForceEngineArchitecture { get; init; }
    /// <summary>Print the commands, run nothing.</summary>
    public bool DryRun { get; init; }
    /// <summary>The named volume to sync into (a remote engine, or --ohos-workspace volume:NAME); null: into <see cref="Workspace"/>.</summary>
    public string? Volume { get; init; }
    /// <summary>Sync again even when complete (--force): repo sync, lfs and prebuilts run; init is kept.</summary>
    public bool Force { get; init; }
}

/// <summary>How a sync ended.</summary>
public enum OhosSyncOutcome { Synced, UpToDate, DryRun }

/// <summary>How a sync ended, and how many projects repo reported syncing (null when repo did not run).</summary>
public sealed record OhosSyncResult(OhosSyncOutcome Outcome, int? Projects = null);

/// <summary>
/// Syncs an OpenHarmony tree with repo inside the version's official container: repo init, repo sync -c,
/// repo forall git lfs pull, prebuilts download. Each finished step is recorded, so an interrupted sync
/// continues where it stopped; a completed one is up to date until the manifest coordinates change.
/// </summary>
public sealed class OhosSync(ContainerRunner runner)
{
    /// <summary>The default workspace: $XDG_CACHE_HOME/edge-build/openharmony/&lt;version&gt;.</summary>
    public static AbsolutePath DefaultWorkspace(string version) => AbsolutePath.Create(Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "edge-build", "openharmony", version));

    /// <summary>Syncs through the engine named by DOCKER_HOST.</summary>
    public static async Task<OhosSyncResult> RunAsync(OhosSyncRequest request, CancellationToken ct)
    {
        if (!request.DryRun) await EngineFacts.RequireAsync(request.ForceEngineArchitecture, ct, request.Image).ConfigureAwait(false);
        using var client = DockerEngine.Connect();
        return await new OhosSync(new ContainerRunner(client)).SyncAsync(request, ct).ConfigureAwait(false);
    }

    /// <summary>Runs the steps not yet done; returns UpToDate without starting a container when all are.</summary>
    public async Task<OhosSyncResult> SyncAsync(OhosSyncRequest request, CancellationToken ct)
    {
        if (request.Volume is not null) return await SyncIntoVolumeAsync(request, ct).ConfigureAwait(false);
        var (workspace, version) = (request.Workspace, request.Version);
        var manifest = version.Manifest;
        var recorded = OhosSyncState.Read(workspace);
        var state = recorded is not null && recorded.SameManifest(manifest) ? recorded
            : new OhosSyncState { Version = version.Version, ManifestUrl = manifest.Url, Revision = manifest.Revision, ManifestFile = manifest.File };
        if (request.Force && state.CompletedAt is not null)
            state = state with { DoneSteps = [.. state.DoneSteps.Where(s => s == "init")], CompletedAt = null };
        if (state.CompletedAt is not null && state.ManifestSha256 == ManifestSha256(workspace, manifest))
        {
            BuildReport.Current.Information($"OpenHarmony {version.Version} in {workspace} is synced ({manifest.Revision}, manifest sha256 {state.ManifestSha256?[..12]}).");
            BuildReport.Current.Note("up to date");
            return new OhosSyncResult(OhosSyncOutcome.UpToDate);
        }
        var steps = Steps(request).Where(s => !state.DoneSteps.Contains(s.Name)).ToList();
        if (request.DryRun)
        {
            foreach (var step in steps) BuildReport.Current.Information($"would run in {request.Image}: {string.Join(" ", step.Command)}");
            BuildReport.Current.Note("dry run: nothing synced");
            return new OhosSyncResult(OhosSyncOutcome.DryRun);
        }
        workspace.CreateDirectory();
        if (state.DoneSteps.Count == 0) CheckFreeSpace(request);
        else BuildReport.Current.Information($"Resuming the sync of {workspace}: done {string.Join(", ", state.DoneSteps)}.");

        await runner.EnsureImageAsync(request.Image, ct).ConfigureAwait(false);
        var owner = await FileOwner.InvokingUserAsync(workspace, ct).ConfigureAwait(false);
        var mount = request.Layout.SourceMount;
        var spec = new ContainerSpec
        {
            Image = request.Image,
            Command = [],
            Binds = new Dictionary<string, string> { [workspace] = mount },
            Environment = request.Layout.Environment,
            WorkingDirectory = mount,
            LogFile = request.LogDirectory.CreateDirectory() / "openharmony-sync.log",
            NamePrefix = request.NamePrefix,
            Labels = request.Labels,
        };
        int? projects = null;
        try
        {
            foreach (var step in steps)
            {
                if (step.Name == "prebuilts" && version.PrebuiltsMarkers.Count > 0 &&
                    version.PrebuiltsMarkers.All(m => File.Exists(workspace / m) || Directory.Exists(workspace / m)))
                    BuildReport.Current.Information("Prebuilts already present: skipping build/prebuilts_download.sh");
                else
                {
                    var progress = new RepoProgress(step.Name);
                    BuildReport.Current.Information($"Sync step {step.Name}: {string.Join(" ", step.Command)}");
                    await runner.RunAsync(spec with { Command = request.Layout.TrustingGit(step.Command), Tty = step.Tty, OnLine = progress.Observe }, ct).ConfigureAwait(false);
                    if (progress.Last is { } last && step.Name == "sync")
                    {
                        projects = last.Total;
                        BuildReport.Current.Note($"{last.Total} projects");
                    }
                }
                state = state with { DoneSteps = [.. state.DoneSteps, step.Name] };
                state.Write(workspace);
            }
        }
        finally
        {
            await OwnershipRestorer.RestoreAsync(runner, spec, mount, owner).ConfigureAwait(false);
        }
        state = state with { ManifestSha256 = ManifestSha256(workspace, manifest), CompletedAt = DateTimeOffset.UtcNow };
        state.Write(workspace);
        BuildReport.Current.Information($"Synced OpenHarmony {version.Version} ({manifest.Revision}) into {workspace}");
        return new OhosSyncResult(OhosSyncOutcome.Synced, projects);
    }

    // The same steps with the tree in a named volume: the step record lives in the volume, nothing is bound or chowned.
    private async Task<OhosSyncResult> SyncIntoVolumeAsync(OhosSyncRequest request, CancellationToken ct)
    {
        var (volume, version, manifest) = (request.Volume!, request.Version, request.Version.Manifest);
        if (request.DryRun)
        {
            foreach (var step in Steps(request)) BuildReport.Current.Information($"would run in {request.Image} on volume {volume} (steps already done are skipped): {string.Join(" ", step.Command)}");
            BuildReport.Current.Note("dry run: nothing synced");
            return new OhosSyncResult(OhosSyncOutcome.DryRun);
        }
        await runner.EnsureImageAsync(request.Image, ct).ConfigureAwait(false);
        var mount = request.Layout.SourceMount;
        await using var files = new VolumeFiles(runner.Client, volume, request.Image, mount);
        using var place = new OhosSyncVolume(files, runner);
        var recorded = await place.ReadStateAsync(ct).ConfigureAwait(false);
        var state = recorded is not null && recorded.SameManifest(manifest) ? recorded
            : new OhosSyncState { Version = version.Version, ManifestUrl = manifest.Url, Revision = manifest.Revision, ManifestFile = manifest.File };
        if (request.Force && state.CompletedAt is not null)
            state = state with { DoneSteps = [.. state.DoneSteps.Where(s => s == "init")], CompletedAt = null };
        if (state.CompletedAt is not null && state.ManifestSha256 == await place.ManifestSha256Async(manifest, ct).ConfigureAwait(false))
        {
            BuildReport.Current.Information($"OpenHarmony {version.Version} in volume {volume} is synced ({manifest.Revision}, manifest sha256 {state.ManifestSha256?[..12]}).");
            BuildReport.Current.Note("up to date");
            return new OhosSyncResult(OhosSyncOutcome.UpToDate);
        }
        if (state.DoneSteps.Count == 0)
        {
            var (required, free) = (request.RequiredFreeBytes ?? (long)version.SyncFreeGib << 30, await place.FreeBytesAsync(ct).ConfigureAwait(false));
            if (free < required)
                throw new BuildException($"Not enough disk on the engine's host to sync OpenHarmony {version.Version} into volume {volume}: {Progress.Size(free)} free, " +
                    $"{Progress.Size(required)} needed (an estimate). Free space on that host, or set --ohos-sync-free-gib if you know the estimate is too high.");
            BuildReport.Current.Information($"Disk: {Progress.Size(free)} free for volume {volume}, {Progress.Size(required)} needed.");
        }
        else BuildReport.Current.Information($"Resuming the sync of volume {volume}: done {string.Join(", ", state.DoneSteps)}.");
        var spec = new ContainerSpec
        {
            Image = request.Image, Command = [], Volumes = new Dictionary<string, string> { [volume] = mount }, Environment = request.Layout.Environment,
            WorkingDirectory = mount, LogFile = request.LogDirectory.CreateDirectory() / "openharmony-sync.log", NamePrefix = request.NamePrefix,
            Labels = new Dictionary<string, string>(request.Labels) { [OhosBuilder.VolumeLabel] = volume },
        };
        ContainerSpec StepSpec((string Name, IReadOnlyList<string> Command, bool Tty) step) => spec with { Command = request.Layout.TrustingGit(step.Command), Tty = step.Tty };
        var remaining = Steps(request).Where(s => !state.DoneSteps.Contains(s.Name)).ToList();
        // A step a crashed run left running on this volume is adopted; anything else it left goes.
        var adoptable = await OhosVolumeOrphans.SortAsync(runner, files, [.. remaining.Select(s => ContainerRunner.SpecHash(StepSpec(s)))], ct).ConfigureAwait(false);
        int? projects = null;
        foreach (var step in remaining)
        {
            var orphan = adoptable.GetValueOrDefault(ContainerRunner.SpecHash(StepSpec(step)));
            if (step.Name == "prebuilts" && orphan is null && await place.AllExistAsync(version.PrebuiltsMarkers, ct).ConfigureAwait(false))
                BuildReport.Current.Information("Prebuilts already present: skipping build/prebuilts_download.sh");
            else
            {
                var progress = new RepoProgress(step.Name);
                BuildReport.Current.Information($"Sync step {step.Name}: {string.Join(" ", step.Command)}");
                var stepSpec = StepSpec(step) with { OnLine = progress.Observe };
                if (orphan is not null)
                    await runner.AdoptAsync(orphan.ID, orphan.Names.FirstOrDefault()?.TrimStart('/') ?? orphan.ID, stepSpec, ct).ConfigureAwait(false);
                else await runner.RunAsync(stepSpec, ct).ConfigureAwait(false);
                if (progress.Last is { } last && step.Name == "sync") { projects = last.Total; BuildReport.Current.Note($"{last.Total} projects"); }
            }
            state = state with { DoneSteps = [.. state.DoneSteps, step.Name] };
            await place.WriteStateAsync(state, ct).ConfigureAwait(false);
        }
        state = state with { ManifestSha256 = await place.ManifestSha256Async(manifest, ct).ConfigureAwait(false), CompletedAt = DateTimeOffset.UtcNow };
        await place.WriteStateAsync(state, ct).ConfigureAwait(false);
        BuildReport.Current.Information($"Synced OpenHarmony {version.Version} ({manifest.Revision}) into volume {volume}");
        return new OhosSyncResult(OhosSyncOutcome.Synced, projects);
    }

    /// <summary>The sync's steps: name, command, and whether it needs a terminal (repo prints progress only to one).</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Command, bool Tty)> Steps(OhosSyncRequest request)
    {
        var manifest = request.Version.Manifest;
        return
        [
            // No terminal: repo init asks for an identity when it has one.
            ("init", ["repo", "init", "-u", manifest.Url, "-b", manifest.Revision, "-m", manifest.File, "--no-repo-verify"], false),
            ("sync", ["repo", "sync", "-c", $"--jobs={request.Jobs}"], true),
            ("lfs", ["repo", "forall", "-c", "git lfs pull"], false),
            ("prebuilts", ["./build/prebuilts_download.sh"], false),
        ];
    }

    private static void CheckFreeSpace(OhosSyncRequest request)
    {
        var required = request.RequiredFreeBytes ?? (long)request.Version.SyncFreeGib << 30;
        var free = new DriveInfo(request.Workspace).AvailableFreeSpace;
        if (free < required)
            throw new BuildException($"Not enough disk to sync OpenHarmony {request.Version.Version} into {request.Workspace}: {Progress.Size(free)} free, " +
                $"{Progress.Size(required)} needed (source, prebuilts and one build; syncFreeGib in {request.Version.Origin ?? "targets/openharmony"}). " +
                "Free some space, point --ohos-workspace at a bigger disk, or set --ohos-sync-free-gib if you know the estimate is too high.");
        BuildReport.Current.Information($"Disk: {Progress.Size(free)} free in {request.Workspace}, {Progress.Size(required)} needed.");
    }

    private static string? ManifestSha256(AbsolutePath workspace, OhosManifest manifest)
    {
        var file = workspace / ".repo" / "manifests" / manifest.File;
        return file.FileExists() ? FileHash.Sha256(file) : null;
    }
}
