using EdgeBuild.Engine;
using EdgeBuild.Pins;
using EdgeBuild.Preflight;
using EdgeBuild.Tooling;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Seconds --plan waits for each upstream host to accept a connection.")] public readonly int ProbeTimeout = 3;

    /// <summary>--plan's preflight: what will be downloaded, synced and pulled, disk per place, and which upstream hosts answer.</summary>
    protected internal override IEnumerable<string> PlanLines(ExecutionPlan plan)
    {
        var planned = plan.Runs.Where(r => r.Status != TargetStatus.Skipped).Select(r => r.Name).ToHashSet();
        yield return PreflightReport.RenderAsync(PreflightFactsFor(planned), TimeSpan.FromSeconds(ProbeTimeout), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The facts of a run of <paramref name="planned"/> targets.</summary>
    PreflightFacts PreflightFactsFor(IReadOnlySet<string> planned)
    {
        var fetcher = SourceFetcher;
        var files = PlannedPinFiles(planned).ToList();
        var downloads = files.Select(f => new PlannedDownload(f.Pin.Name, f.File.FileName, f.File.Urls.Concat(f.File.Mirrors).FirstOrDefault() ?? "(no URL)",
            SourcesDir is { } dir && (dir / f.File.FileName).FileExists() ? dir / f.File.FileName
                : f.File.HasRecordedHash && fetcher.CachePath(f.File).FileExists() ? fetcher.CachePath(f.File) : null,
            f.File.HasRecordedHash ? f.File.Sha256 : null, IsLocked)).ToList();
        var hosts = files.Where(f => downloads.Any(d => d.FileName == f.File.FileName && d.LocalPath is null))
            .SelectMany(f => f.File.Urls.Concat(f.File.Mirrors))
            .Select(url => HostOf(url, "--sources-dir DIR holding the files (./build.sh Mirror on a connected machine), or a --pins mirror"));
        var ohos = planned.Contains(nameof(SyncOpenHarmony)) && OhosSource is null ? OhosPreflight() : null;
        return new PreflightFacts
        {
            Downloads = downloads,
            Sources = ohos?.Lines ?? [],
            Disk =
            [
                .. ohos is { } o ? [o.Workspace] : Array.Empty<DiskPlace>(),
                new DiskPlace("Docker data root", DockerDataRoot() ?? "/var/lib/docker", (long)MinimumFreeGib << 30, "--minimum-free-gib"),
                new DiskPlace("download cache", DownloadsDirectory, (long)MinimumFreeGib << 30, "--minimum-free-gib"),
                new DiskPlace("artifacts", ArtifactsDirectory, (long)MinimumFreeGib << 30, "--minimum-free-gib"),
            ],
            Hosts = [.. hosts.Concat(ohos?.Hosts ?? []).DistinctBy(h => (h.Host, h.Port))],
            Offline = Offline,
        };
    }

    // The pinned files the planned targets fetch (the same choices their Executes make).
    IEnumerable<(Pin Pin, PinFile File)> PlannedPinFiles(IReadOnlySet<string> planned)
    {
        if (planned.Contains(nameof(FetchSources))) return PinSet.All.SelectMany(p => p.Files.Select(f => (p, f)));
        var files = new List<(Pin, PinFile)>();
        if (planned.Contains(nameof(DockerStatic)) && DockerStaticTarball is null)
            files.Add((PinSet["docker-static"], PinSet["docker-static"].FileFor(BoardDefinition.ArchOf("docker-static"))));
        if (planned.Contains(nameof(UserlandSources)))
            files.AddRange(UserlandComponents.Select(c => (PinSet[c.Name], PinSet[c.Name].FileFor(BoardDefinition.ArchOf(c.Name)))));
        if (planned.Contains(nameof(KubeEdgeSource)) && KubeEdgeSourceDir is null && !KubeEdgeGit)
            files.Add((PinSet["kubeedge"], PinSet["kubeedge"].FileFor()));
        return files;
    }

    /// <summary>The OpenHarmony part of the preflight, read through the catalog (kept apart: the OpenHarmony data model moves).</summary>
    OhosPreflightFacts OhosPreflight()
    {
        var version = OhosSyncVersion;
        var image = BuilderImage ?? version.BuilderImage;
        var present = DockerImagePresent(image);
        var hosts = new List<UpstreamHost> { HostOf(version.Manifest.Url, "--ohos-source TREE (an OpenHarmony tree synced elsewhere)") };
        if (present == false) hosts.Add(HostOf("https://" + RegistryOf(image), "--builder-image IMAGE, or `docker load` of the image from a ./build.sh Mirror directory"));
        return new([
            $"OpenHarmony {version.Version}: repo sync of {version.Manifest.Url} revision {version.Manifest.Revision} ({version.Manifest.File}) into {OhosWorkspaceDirectory}",
            $"Builder image {image}: {(present switch { true => "present", false => "to pull", null => "unknown (no Docker engine answers)" })}",
        ], new DiskPlace("OpenHarmony workspace", OhosWorkspaceDirectory, (long)(OhosSyncFreeGib ?? version.SyncFreeGib) << 30, $"OpenHarmony {version.Version}'s estimate"), hosts);
    }

    private static UpstreamHost HostOf(string url, string replacement)
    {
        var uri = new Uri(url);
        return new UpstreamHost(uri.Host, uri.Port, replacement);
    }

    // docker.io images name no registry; their layers come from Docker Hub.
    private static string RegistryOf(string image) =>
        image.Split('/') is { Length: > 1 } parts && (parts[0].Contains('.') || parts[0].Contains(':')) ? parts[0] : "registry-1.docker.io";

    private static bool? DockerImagePresent(string image) => Docker("image", "inspect", "--format", "{{.Id}}", image) is { } result ? result.ExitCode == 0 : null;

    private static string? DockerDataRoot() => Docker("info", "--format", "{{.DockerRootDir}}") is { ExitCode: 0 } result ? result.StandardOutput.Trim() : null;

    private static ProcessResult? Docker(params string[] args)
    {
        try { return ProcessRunner.RunAsync("docker", args, new ProcessOptions { CaptureOutput = true, AllowFailure = true, Heartbeat = null }, CancellationToken.None).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or CliWrap.Exceptions.CommandExecutionException) { return null; }
    }
}
