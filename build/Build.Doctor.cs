using EdgeBuild.Doctor;
using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.Reporting;
using EdgeBuild.VirtualBoard;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Free disk Doctor asks for, in GiB.")] public readonly int MinimumFreeGib = 10;
    [Parameter("Target whose preflight Doctor prints too (downloads, sync, image, disk, hosts), e.g. BundleRk3568; its own host tools (VirtualBoard's qemu-system...) become required.")] public readonly string? PreflightFor;
    [Parameter("Docker engine to use (unix:///path.sock, tcp://host:2376, ssh://user@host); overrides DOCKER_HOST and the Docker context.")]
    public string? DockerHost { get => EdgeBuild.Containers.DockerEngine.HostOverride; init => EdgeBuild.Containers.DockerEngine.HostOverride = value; }
    [Parameter("Build OpenHarmony on an engine that is not amd64 (the builder image then runs under emulation).")] public readonly bool ForceEngineArch;

    /// <summary>Checks the machine; with --install-prerequisites installs what is missing.</summary>
    Target Doctor => _ => _
        .Description("Checks toolchains, qemu, host tools, Docker engine, Go and disk; prints the apt-get line for what is missing.")
        .Executes(async ct =>
        {
            var check = new PrerequisiteCheck(ToolchainsDirectory,
                [("artifacts", ArtifactsDirectory), ("downloads", DownloadsDirectory)], (long)MinimumFreeGib << 30)
            {
                ExtraChecks = [GoForKubeEdgeAsync, UnrecordedPinsAsync, VirtualBoardPackagesAsync],
                ForTargets = PreflightFor is { } target ? new HashSet<string> { target } : new HashSet<string>(),
            };
            // Adds Debian's arm64 architecture too, which no package install does.
            if (InstallPrerequisites && PreflightFor == nameof(VirtualBoard))
                await VirtualBoardPrerequisites.EnsureAsync(ToolchainsDirectory / "host.json", VirtualBoardDefinition.Load(VirtualBoardDefinitionFile), install: true, null, ct);
            var results = await check.RunAsync(ct);
            if (InstallPrerequisites && PrerequisiteCheck.InstallCommand(results) is not null)
            {
                await PackageInstaller.InstallAsync(PrerequisiteCheck.MissingPackages(results), ct);
                results = await check.RunAsync(ct);
            }
            Log.Information(PrerequisiteCheck.Render(results));
            if (PreflightFor is { } main)
                foreach (var line in PlanLines(Planner.Plan(new TargetGraph(DiscoverTargets()), [main], Skip))) Log.Information(line);
            var missing = results.Where(r => !r.Ok).ToList();
            if (PrerequisiteCheck.InstallCommand(results) is { } command)
                Log.Information($"To install what is missing (as root): apt-get update && {command}\n(or run ./build.sh Doctor --install-prerequisites as root)");
            Summary.Note(missing.Count == 0 ? "all prerequisites present" : $"{missing.Count} missing: {string.Join(", ", missing.Select(m => m.Check))}");
            if (missing.Count > 0) throw new BuildException($"{missing.Count} prerequisite(s) missing: {string.Join(", ", missing.Select(m => m.Check))}. See the table above.");
        });

    /// <summary>Doctor's row: whether apt offers the virtual board's kernel (required with --preflight-for VirtualBoard).</summary>
    Task<CheckResult> VirtualBoardPackagesAsync(CancellationToken ct) =>
        VirtualBoardPrerequisites.ArchitectureRowAsync(VirtualBoardDefinition.Load(VirtualBoardDefinitionFile), PreflightFor == nameof(VirtualBoard), null, ct);

    /// <summary>Doctor's row: pins whose sha256 is recorded nowhere yet (first use records them; --locked refuses them).</summary>
    Task<CheckResult> UnrecordedPinsAsync(CancellationToken ct)
    {
        var unrecorded = PinSet.Unrecorded;
        var names = string.Join(", ", unrecorded.Select(u => $"{u.Pin.Name} {u.File.FileName}"));
        return Task.FromResult(new CheckResult("Pin hashes", unrecorded.Count == 0 || !IsLocked,
            unrecorded.Count == 0 ? $"every pinned file has a recorded sha256 ({PinSet.Lock?.Entries.Count ?? 0} from {PinLockFileName})"
            : IsLocked ? $"unrecorded, refused by --locked/CI: {names}"
            : $"unrecorded, recorded on first download into {PinSet.Lock?.Path} (commit it): {names}", []));
    }

    /// <summary>Doctor's row: whether the host's Go can build the chosen KubeEdge natively (else the golang container is used).</summary>
    async Task<CheckResult> GoForKubeEdgeAsync(CancellationToken ct)
    {
        var go = await GoToolchainProbe.HostVersionAsync(ct);
        var release = KubeEdgeRelease;
        var ok = GoToolchainProbe.CanBuild(go, release);
        // Not a missing prerequisite: without a fitting Go, Edgecore builds in the release's golang container.
        return new CheckResult($"Go for KubeEdge {release.Version}", true,
            $"needs Go {release.Series.GoMinimum}; host has {go?.ToString() ?? "none"}: " +
            (ok ? "edgecore builds natively" : $"edgecore builds in the {release.Series.GolangImage} container"), []);
    }

    /// <summary>With --install-prerequisites, installs what the build needs and starts a Docker engine before any tool runs.</summary>
    Target Prerequisites => _ => _
        .Description("Installs missing prerequisites and starts a Docker engine when none answers (only with --install-prerequisites).")
        .Unlisted()
        .OnlyWhenStatic(() => InstallPrerequisites, "no --install-prerequisites")
        .DependentFor(NeedPrerequisites)
        .Executes(async ct =>
        {
            var check = new PrerequisiteCheck(ToolchainsDirectory, [], 0);
            var missing = PrerequisiteCheck.MissingPackages(await check.RunAsync(ct));
            if (missing.Count > 0) await PackageInstaller.InstallAsync(missing, ct);
            else Log.Information("All prerequisites are installed.");
            await DockerService.EnsureRunningAsync(ct);
        });

    /// <summary>Removes outputs and build trees; the download cache is kept.</summary>
    Target Clean => _ => _
        .Description("Removes what the build made in artifacts/ (per-board outputs, plan, locks) and .nuke/temp (build trees, up-to-date records); keeps the download cache; keeps the output cache and ccache unless --outputs-cache is on the command line (bare for the default directory, or with DIR); refuses a directory the build did not make.")
        .Executes(() =>
        {
            var boards = Directory.GetFiles(BoardsDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
            var roots = OutputRoots().ToList();
            var removed = OwnedDirectoryCleaner.Clean(roots.Single(r => r.Directory.Equals(TemporaryDirectory)), ["work", "state"])
                .Concat(OwnedDirectoryCleaner.Clean(roots.Single(r => r.Directory.Equals(ArtifactsDirectory)),
                    [.. boards, .. boards.Select(b => $".{b}.manifest.lock"), "plan.mmd", OutputLocks.DirectoryName]));
            foreach (var path in removed) Log.Information($"Removed {path}");
            if (GivenOnCommandLine("outputs-cache")) RemoveOutputsCache();
        });
}
