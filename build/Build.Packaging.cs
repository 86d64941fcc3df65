using EdgeBuild.Engine;
using EdgeBuild.Manifests;
using EdgeBuild.Packaging;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Timestamp of every archive entry, seconds since 1970 (default: the last commit's time).")] public readonly string? SourceDateEpoch;
    [Parameter("Version stamped on the sidecar and bundle (default: git describe --tags --always).")] public readonly string? ReleaseVersion;
    [Parameter("Docker static tarball to use (default: the pinned file, fetched; it must match the pin's sha256 either way).")] public readonly AbsolutePath? DockerStaticTarball;
    [Parameter("Userland binaries: a directory of <arch>/bin/ (default: artifacts/<board>/userland).")] public readonly AbsolutePath? UserlandDir;
    [Parameter("edgecore.yaml to ship (default: the one EdgecoreConfig writes in this run; never one left from an earlier run).")] public readonly AbsolutePath? EdgecoreYaml;
    [Parameter("Build the sidecar even when userland binaries the device needs (device/required-tools.json: busybox, ip, iptables) are missing; it says which.")] public readonly bool AllowIncompleteSidecar;
    [Parameter("Registry mirrors written to daemon.json (https URLs).")] public readonly string[] RegistryMirrors = [];
    [Parameter("OpenHarmony images to bundle (default: artifacts/<board>/images, where BuildOpenHarmony collects them).", Name = "ohos-images")] public readonly AbsolutePath? OhosImagesDirectory;
    [Parameter("Device serial for Deploy (hdc -t; default: the only connected device).")] public readonly string? Device;
    [Parameter("hdc executable for Deploy (hdc_std on OpenHarmony 3.1 SDKs).")] public readonly string Hdc = "hdc";
    [Parameter("SD card block device Deploy has setup-docker.sh mount at the data root (f2fs).")] public readonly string? SdDevice;
    [Parameter("Deploy starts dockerd after set-up (unix socket only).")] public readonly bool StartDocker;
    [Parameter("Directory BenchmarkPackaging packs (default: the build's own output directory).")] public readonly AbsolutePath? BenchmarkInput;

    /// <summary>targets/boards: one JSON file per board.</summary>
    AbsolutePath BoardsDirectory => TargetsDirectory / "boards";
    /// <summary>The --board definition (loaded once per run).</summary>
    BoardDefinition BoardDefinition => Context.Board;
    /// <summary>artifacts/&lt;board&gt;/docker-static: the verified Docker binaries.</summary>
    AbsolutePath DockerStaticDirectory => BoardArtifacts / "docker-static";

    /// <summary>Docker's static binaries for the board, verified against the pin and the version's file set.</summary>
    Target DockerStatic => _ => _
        .Description("Docker's static tarball for the board's arch: sha256 against the pin, exact file set of the version family, each binary a static ELF.")
        .Inputs(() => [TargetsDirectory / "docker-static-files.json"])
        .Outputs(() => [DockerStaticDirectory])
        .ReadsBack(() => Results.Provide(nameof(DockerStatic), new DockerStaticUnpacked(DockerStaticDirectory)))
        // The tarball must match the pin's sha256 to be used at all, so the pin identifies the input.
        .ContentKey(() => $"{PinSet["docker-static"].Version} {PinSet["docker-static"].FileFor(BoardDefinition.ArchOf("docker-static")).Sha256}")
        .Cacheable(ManifestCacheHooks(nameof(DockerStatic)))
        .Executes(async ct =>
        {
            var pin = PinSet["docker-static"];
            var arch = BoardDefinition.ArchOf("docker-static");
            var tarball = DockerStaticTarball ?? await SourceFetcher.FetchAsync(pin, pin.FileFor(arch), ct);
            pin = PinSet["docker-static"]; // a first-use fetch has just recorded its hash
            var result = await DockerStaticUnpacker.RunAsync(tarball, pin, pin.FileFor(arch),
                DockerStaticFileSets.Load(TargetsDirectory / "docker-static-files.json").For(pin.Version),
                Context.ToolchainFor(arch).Elf, DockerStaticDirectory, ct);
            foreach (var binary in result.Binaries)
                await ArtifactManifest.RecordFileAsync(Path.Combine(result.Directory, binary), new ManifestEntry
                {
                    Arch = arch, Component = pin.Name, Version = pin.Version, License = pin.License, Target = nameof(DockerStatic),
                    Source = $"{pin.FileFor(arch).FileName} sha256 {pin.FileFor(arch).Sha256}",
                }, ct);
            Results.Provide(nameof(DockerStatic), new DockerStaticUnpacked(AbsolutePath.Create(result.Directory)));
            Summary.Note($"docker {result.Version} {arch}: {result.Binaries.Count} binaries");
        });

    /// <summary>The device userland tarball: Docker, userland tools, edgecore, configs and set-up scripts.</summary>
    Target Sidecar => _ => _
        .Description("artifacts/<board>/sidecar-<board>-<version>.tar.gz: system/bin (Docker, busybox, ip, iptables, edgecore, scripts), etc/ configs, usr/lib/os-release; reproducible.")
        .DependsOn(SidecarParts)
        .Executes(async ct =>
        {
            var identity = Context.Identity;
            var pin = PinSet["docker-static"];
            var docker = Take(nameof(DockerStatic), $"--artifacts DIR holding {Board}/docker-static from an earlier run",
                () => DockerStaticDirectory.DirectoryExists() ? new DockerStaticUnpacked(DockerStaticDirectory) : null);
            var inputs = await SidecarAssembler.AssembleAsync(new SidecarSources
            {
                Board = BoardDefinition, Version = identity.Version,
                Docker = (docker.Directory, new PackageComponent
                {
                    Name = pin.Name, Version = pin.Version, License = pin.License,
                    Source = pin.FileFor(BoardDefinition.ArchOf("docker-static")).Urls.FirstOrDefault() ?? pin.Name,
                    SourceSha256 = pin.FileFor(BoardDefinition.ArchOf("docker-static")).Sha256,
                }),
                UserlandDirectory = UserlandDir ?? Existing(BoardArtifacts / "userland"),
                EdgecoreBinary = EdgecoreBinary ?? Results.Find<EdgecoreBuilt>(nameof(Edgecore))?.Binary ?? Existing(EdgecoreArtifacts / "edgecore"),
                // Never a leftover from an earlier run: only this run's EdgecoreConfig output or an explicit --edgecore-yaml.
                EdgecoreConfig = (EdgecoreYaml ?? Results.Find<EdgecoreYamlWritten>(nameof(EdgecoreConfig))?.Path) is { } yaml ? (string)yaml : null,
                EmbedCloudToken = EmbedCloudToken,
                ArtifactsManifest = BoardArtifacts / "manifest.json",
                DeviceDirectory = RootDirectory / "device",
                KernelRequirementsFile = Kernel.KernelRequirements.DefaultPath(TargetsDirectory),
                DataRoot = DataRoot, RegistryMirrors = RegistryMirrors,
                GeneratedDirectory = WorkDirectory / "sidecar" / Board,
            }, ct);
            var incomplete = SidecarCompleteness.Check(inputs, SidecarRequiredTools, AllowIncompleteSidecar, Reporter);
            var result = await SidecarBuilder.BuildAsync(inputs, BoardArtifacts, identity.Epoch,
                new Dictionary<string, string> { ["data-root"] = DataRoot, ["registry-mirrors"] = string.Join(",", RegistryMirrors) }, identity.Commit, ct);
            Results.Provide(nameof(Sidecar), new SidecarBuilt(AbsolutePath.Create(result.Archive), identity.Version));
            Summary.Note($"{Path.GetFileName(result.Archive)}: {result.Manifest.Files.Count} files, {result.Manifest.Components.Count} components" +
                (inputs.HoldsCloudToken ? " — SECRET: holds the cloud token (mode 0600, device-specific; Release refuses it)" : "") +
                (incomplete is null ? "" : $" — {incomplete}"));
        });

    /// <summary>Installs the sidecar on a connected device over hdc and runs the set-up.</summary>
    Target Deploy => _ => _
        .Description("Sends the sidecar over hdc (--device), unpacks it at /, installs busybox applets, checks the kernel, runs setup-docker.sh (--sd-device, --start-docker).")
        .DependsOn(Sidecar)
        .Executes(async ct =>
        {
            var identity = Context.Identity;
            await DeviceDeployer.DeployAsync(HandedOverSidecar(),
                new DeployOptions { Hdc = Hdc, Device = Device, DataRoot = DataRoot, SdDevice = SdDevice, Start = StartDocker, CloudToken = CloudToken }, ct);
            Summary.Note($"sidecar {identity.Version} installed on {Device ?? "the connected device"}" +
                (CloudToken is null ? "" : $", cloud token in {DeviceDeployer.RemoteTokenFile} (0600)"));
        });

    /// <summary>One Bundle&lt;Board&gt; target per targets/boards/*.json.</summary>
    private IEnumerable<(string Name, Target Definition)> BundleTargets() =>
        BoardDefinition.Names(BoardsDirectory).Select(name => BoardDefinition.Load(BoardsDirectory, name))
            .Select(board => ("Bundle" + board.PascalName, (Target)(_ => _
                .Description($"artifacts/{board.Name}/bundle-<version>/ and .tar.gz for {board.DisplayName}: images, sidecar, flash.sh, config.cfg, README-FLASH.md, SHA256SUMS, manifest.json, SPDX SBOM; reproducible.")
                .DependsOn(BundleParts)
                .Executes(async ct => await BundleAsync(board, "Bundle" + board.PascalName, ct)))));

    private async Task BundleAsync(BoardDefinition board, string target, CancellationToken ct)
    {
        if (board.Name != Board) throw new BuildException($"{target} packs the sidecar built for --board {Board}; run it with --board {board.Name}.");
        var identity = Context.Identity;
        var images = OhosImagesForBundle;
        var result = await BundleBuilder.BuildAsync(new BundleSources
        {
            Board = board, Identity = identity, ImagesDirectory = images, Layout = OhosFlashLayout,
            SidecarArchive = HandedOverSidecar(),
            ArtifactsManifest = BoardArtifacts / "manifest.json", BoardsDirectory = BoardsDirectory,
            OutputDirectory = BoardArtifacts, TargetName = target,
            Parameters = new Dictionary<string, string> { ["board"] = board.Name, ["ohos-images"] = OhosImagesDirectory is null ? "BuildOpenHarmony" : "--ohos-images" },
        }, ct);
        Summary.Note($"{Path.GetFileName(result.Archive)}: {result.Manifest.Files.Count} files, {result.Manifest.Components.Count} components");
    }

    /// <summary>Compares the reproducible packer with `tar | gzip -6` on one tree.</summary>
    Target BenchmarkPackaging => _ => _
        .Description("Packs one tree with the reproducible parallel-gzip packer and with tar | gzip -6 (and pigz), prints sizes, times and ratios.")
        .Unlisted()
        .Executes(async ct =>
        {
            var input = BenchmarkInput ?? AbsolutePath.Create(AppContext.BaseDirectory);
            var results = await PackagingBenchmark.RunAsync(input, TemporaryDirectory / "benchmark-packaging", ct);
            Log.Information(PackagingBenchmark.Render(results));
            var (ours, gzip) = (results.Single(r => r.Method.StartsWith("ReproducibleArchive level 7")), results.Single(r => r.Method.StartsWith("tar | gzip")));
            Summary.Note($"level 7: {(double)ours.Bytes / gzip.Bytes:F3}x the size of gzip -6, {gzip.Elapsed / ours.Elapsed:F1}x as fast");
        });

    /// <summary>The sidecar archive Sidecar hands over, else the one of this version an earlier run left in artifacts/&lt;board&gt;.</summary>
    AbsolutePath HandedOverSidecar(string parameter = "") => Take(nameof(Sidecar), $"{parameter}--artifacts DIR holding {Board}/{SidecarBuilder.ArchiveName(Board, Context.Identity.Version)} from an earlier run",
        () => BoardArtifacts / SidecarBuilder.ArchiveName(Board, Context.Identity.Version) is var archive && archive.FileExists() ? new SidecarBuilt(archive, Context.Identity.Version) : null).Archive;

    /// <summary>The userland binaries the device needs (device/required-tools.json).</summary>
    IReadOnlyList<RequiredTool> SidecarRequiredTools => SidecarCompleteness.Load(RootDirectory / "device" / "required-tools.json");

    private static string? Existing(AbsolutePath path) => path.FileExists() || path.DirectoryExists() ? (string)path : null;
}
