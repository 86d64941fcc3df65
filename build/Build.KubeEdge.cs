using EdgeBuild.Engine;
using EdgeBuild.Extraction;
using EdgeBuild.KubeEdge;
using EdgeBuild.Manifests;
using EdgeBuild.Pins;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("KubeEdge release, like 1.9.1 (default: the kubeedge pin's version).", Name = "kubeedge-version")] public readonly string? KubeEdgeVersion;
    [Parameter("Local KubeEdge source tree, patched in place (default: the pinned release tarball, unpacked).", Name = "kubeedge-source")] public readonly AbsolutePath? KubeEdgeSourceDir;
    [Parameter("Get KubeEdge with `git clone --depth 1 --branch vX.Y.Z` (HEAD checked against the recorded commit) instead of the tag archive.")] public readonly bool KubeEdgeGit;
    [Parameter("Prebuilt edgecore to use instead of building one (still verified: AArch64, static, its version under qemu).")] public readonly AbsolutePath? EdgecoreBinary;
    [Parameter("How to build edgecore: auto (native when the host's Go fits, else the golang container), native or container.")] public readonly EdgecoreBuildMode EdgecoreBuild = EdgecoreBuildMode.Auto;
    [Parameter("Builder image for edgecore instead of the release's golang image (implies the container build).")] public readonly string? GolangImage;
    [Parameter("Device directory holding Docker's data-root and edged's root and container logs (an unencrypted f2fs mount).")] public readonly string DataRoot = "/mnt/f2fs";
    [Parameter("cloudcore's host name or IP; edgecore connects to :10000 (websocket) and :10002 (https).")] public readonly string? CloudcoreAddress;
    [Parameter("Token from `keadm gettoken`; without it edgecore.yaml carries none.", BareEnvironment = true), Secret(Allowed = "A-Za-z0-9._-", Kind = "a keadm token")] public readonly string? CloudToken;
    [Parameter("Put --cloud-token inside edgecore.yaml and so the sidecar: a device-specific archive, written 0600, that Release refuses to publish (default: the token reaches the device only through Deploy or start-edgecore.sh --token-file).")] public readonly bool EmbedCloudToken;
    [Parameter("Node name in Kubernetes (default: the device's host name).")] public readonly string? NodeName;
    [Parameter("Network interface whose address edgecore reports.")] public readonly string InterfaceName = "wlan0";
    [Parameter("Pause image for edgecore.yaml (default: the release's).")] public readonly string? PauseImage;
    [Parameter("Cloud-side Kubernetes version, checked against KubeEdge's compatibility matrix.")] public readonly string? KubernetesVersion;
    [Parameter("Treat version-compatibility warnings as errors.")] public readonly bool Strict;

    /// <summary>targets/kubeedge: supported versions, compatibility matrix, field names.</summary>
    public AbsolutePath KubeEdgeDataDirectory => TargetsDirectory / "kubeedge";
    /// <summary>artifacts/&lt;board&gt;/edgecore: the binary, edgecore.yaml and the patch record.</summary>
    public AbsolutePath EdgecoreArtifacts => BoardArtifacts / "edgecore";

    private KubeEdgeCatalog? _kubeEdgeCatalog;
    private KubeEdgeRelease? _kubeEdgeRelease;
    /// <summary>Supported KubeEdge series (targets/kubeedge/versions.json).</summary>
    public KubeEdgeCatalog KubeEdgeCatalog => _kubeEdgeCatalog ??= KubeEdgeCatalog.Load(KubeEdgeDataDirectory);
    /// <summary>The chosen release (--kubeedge-version, else the pin's), checked against the supported ones.</summary>
    public KubeEdgeRelease KubeEdgeRelease => _kubeEdgeRelease ??= KubeEdgeCatalog.Resolve(KubeEdgeVersion ?? PinSet["kubeedge"].Version);
    /// <summary>The tree KubeEdgeSource hands over, else --kubeedge-source's.</summary>
    KubeEdgeSourceTree KubeEdgeTree => Take(nameof(KubeEdgeSource), "--kubeedge-source DIR",
        () => KubeEdgeSourceDir is { } dir ? KubeEdgeSourceTree.FromDirectory(dir, KubeEdgeRelease) : null);
    /// <summary>The patched tree PatchKubeEdge hands over; with --kubeedge-source and PatchKubeEdge skipped, that tree as it is (no changes recorded).</summary>
    KubeEdgePatched KubeEdgePatched => Take(nameof(PatchKubeEdge), "--kubeedge-source DIR (a tree patched already) or --edgecore-binary FILE",
        () => KubeEdgeSourceDir is not null ? new KubeEdgePatched(KubeEdgeTree, []) : null);

    /// <summary>Finds the KubeEdge source tree.</summary>
    Target KubeEdgeSource => _ => _
        .Description("Resolves the KubeEdge tree: --kubeedge-source DIR, else the pinned release tarball unpacked under .nuke/temp/work.")
        .OnlyWhenStatic(() => EdgecoreBinary is null, "--edgecore-binary given")
        .Executes(async ct =>
        {
            if (KubeEdgeSourceDir is { } local) await KubeEdgeGitCheckout.CheckLocalAsync(local, KubeEdgeRelease.Tag, KubeEdgeGitSource?.Commit, ct);
            else if (KubeEdgeGit)
            {
                var git = KubeEdgeGitSource ?? throw new BuildException($"No commit is recorded for KubeEdge {KubeEdgeRelease.Tag} (kubeedge pin's git, {KubeEdgeCatalog.Origin} tagCommits): record it, or drop --kubeedge-git to use the tag archive.");
                var clone = KubeEdgeSourceTree.FromDirectory(await KubeEdgeGitCheckout.CloneAsync(git, WorkDirectory, KubeEdgeRelease.Version.ToString(), ct), KubeEdgeRelease);
                Results.Provide(nameof(KubeEdgeSource), clone);
                Summary.Note($"KubeEdge {KubeEdgeRelease.Version} at {clone.Root} (commit {git.Commit})");
                return;
            }
            var tree = await KubeEdgeSourceTree.ResolveAsync(KubeEdgeSourceDir?.ToString(), KubeEdgeArchiveAsync, WorkDirectory, KubeEdgeRelease, ExtractKubeEdgeArchiveAsync, ct);
            Results.Provide(nameof(KubeEdgeSource), tree);
            Summary.Note($"KubeEdge {KubeEdgeRelease.Version} at {tree.Root}");
        });

    /// <summary>Patches runc's ParseKeyValue and edged's dirs for OpenHarmony.</summary>
    Target PatchKubeEdge => _ => _
        .Description("Patches the KubeEdge tree in place: runc ParseKeyValue for OpenHarmony's memory.stat, edged dirs under --data-root.")
        .DependsOn(KubeEdgeSource)
        .OnlyWhenStatic(() => EdgecoreBinary is null, "--edgecore-binary given")
        .Executes(async ct =>
        {
            var tree = KubeEdgeTree;
            var changes = await new KubeEdgePatcher(PatchesDirectory / "kubeedge").ApplyAsync(tree, DataRoot, DryRun, ct);
            if (!DryRun) PatchRecord.Write(EdgecoreArtifacts / "kubeedge-patches.json", tree, changes);
            Results.Provide(nameof(PatchKubeEdge), new KubeEdgePatched(tree, changes));
            Summary.Note($"{changes.Count(c => c.Changed)} {(DryRun ? "would change" : "changed")}, {changes.Count(c => !c.Changed)} already patched");
        });

    /// <summary>Static arm64 edgecore, verified.</summary>
    Target Edgecore => _ => _
        .Description("Static arm64 edgecore (native Go or golang container), or --edgecore-binary; verified AArch64, static, version and config under qemu.")
        .DependsOn(PatchKubeEdge)
        .Inputs(() => [ToolchainsDirectory / "aarch64-linux-gnu.json", KubeEdgeDataDirectory, .. EdgecoreBinary is { } b ? [(string)b] : KubeEdgePatched.Tree.BuildInputs()])
        .Outputs(() => [EdgecoreArtifacts / "edgecore"])
        // edgecore's build date is the run's source date epoch: a given --source-date-epoch is part of the key; the default
        // (the last commit's time) is not, so a new commit alone does not rebuild an unchanged edgecore.
        .ContentKey(() => $"{KubeEdgeRelease.Version} {EdgecoreBuild} {GolangImage} {DataRoot} {DryRun} {(EdgecoreBinary is null ? SourceDateEpoch : "")}")
        // A native build's bytes depend on the host Go.
        .ContentKey(() => $"go {GoToolchainProbe.HostVersionAsync(CancellationToken.None).GetAwaiter().GetResult()}")
        .Cacheable(ManifestCacheHooks(nameof(Edgecore)))
        .ReadsBack(() => Results.Provide(nameof(Edgecore), new EdgecoreBuilt(EdgecoreArtifacts / "edgecore")))
        .Executes(async ct =>
        {
            CheckKubernetesVersion();
            if (DryRun)
            {
                Summary.Note(EdgecoreBinary is { } prebuilt ? $"would verify and use {prebuilt}"
                    : $"would build edgecore {KubeEdgeRelease.Tag} {(await EdgecoreProducer.ChooseAsync(KubeEdgeRelease, EdgecoreBuild, GolangImage, ct)).Why}");
                return;
            }
            var producer = new EdgecoreProducer(Context.ToolchainFor("arm64"), EdgecoreFields.Load(KubeEdgeDataDirectory),
                DataRoot, EdgecoreArtifacts / "edgecore", WorkDirectory);
            var patched = EdgecoreBinary is null ? KubeEdgePatched : null;
            var path = EdgecoreBinary is { } binary
                ? await producer.UsePrebuiltAsync(binary, KubeEdgeRelease, ct)
                : await producer.BuildAsync(patched!.Tree, KubeEdgeCatalog.GoBuildTags, EdgecoreBuild, GolangImage,
                    DateTimeOffset.FromUnixTimeSeconds(Context.Identity.Epoch), ct);
            await ArtifactManifest.RecordFileAsync(path, EdgecoreManifestEntry(patched?.Changes ?? []), ct);
            Results.Provide(nameof(Edgecore), new EdgecoreBuilt(AbsolutePath.Create(path)));
            Summary.Note($"{path} ({KubeEdgeRelease.Tag})");
        });

    /// <summary>What the artifact manifest (and so the SBOM) says about the edgecore this run produced.</summary>
    ManifestEntry EdgecoreManifestEntry(IReadOnlyList<FileChange> changes) => new()
    {
        Arch = "arm64", Component = "kubeedge", Version = KubeEdgeRelease.Version.ToString(), License = PinSet["kubeedge"].License,
        Target = nameof(Edgecore),
        Source = EdgecoreBinary is { } prebuilt ? $"prebuilt {prebuilt}"
            : KubeEdgeSourceDir is { } dir ? $"source tree {dir}"
            : KubeEdgeGit && KubeEdgeGitSource is { } git ? $"git {git.Url} {git.Tag} commit {git.Commit}"
            : $"{PinSet["kubeedge"].FileFor().FileName} sha256 {PinSet["kubeedge"].FileFor().Sha256}",
        Changes = [.. changes.Select(c => $"patches/kubeedge/{c.Patch}: {c.File}").Distinct()],
    };

    /// <summary>edgecore.yaml for the release.</summary>
    Target EdgecoreConfig => _ => _
        .Description("Writes edgecore.yaml (mode 0600) for the KubeEdge version: cloudcore address, token only with --embed-cloud-token, node, interface, runtime, data root; skipped without --cloudcore-address.")
        // Without an address the bundle still builds; the sidecar then carries no edgecore.yaml (only --edgecore-yaml's, if given).
        .OnlyWhenStatic(() => EdgecoreYaml is null, "--edgecore-yaml given")
        .OnlyWhenStatic(() => CloudcoreAddress is not null, "no --cloudcore-address: the sidecar ships no edgecore.yaml")
        .Executes(() =>
        {
            CheckKubernetesVersion();
            if (EmbedCloudToken && CloudToken is null)
                throw new BuildException("--embed-cloud-token needs --cloud-token (keadm gettoken on the cloud side).");
            var path = EdgecoreArtifacts / "edgecore.yaml";
            // The sidecar is distributable, so the token goes in only when the user asks for a device-specific one.
            var token = EmbedCloudToken ? CloudToken : null;
            var settings = new EdgecoreSettings
            {
                CloudcoreAddress = CloudcoreAddress!, Token = token, NodeName = NodeName, InterfaceName = InterfaceName,
                DataRoot = DataRoot, PauseImage = PauseImage,
            };
            var fields = EdgecoreFields.Load(KubeEdgeDataDirectory);
            if (DryRun) Log.Information($"Would write {path}:\n{EdgecoreConfigWriter.Render(KubeEdgeRelease, settings, fields)}");
            else { EdgecoreConfigWriter.Write(path, KubeEdgeRelease, settings, fields); Results.Provide(nameof(EdgecoreConfig), new EdgecoreYamlWritten(path)); }
            Summary.Note($"{(DryRun ? "would write " : "")}{path} ({KubeEdgeRelease.Series.Config}, " +
                (token is not null ? "SECRET: holds the cloud token)" : CloudToken is null ? "no token)" : "no token: Deploy --cloud-token or start-edgecore.sh --token-file gives it to the device)"));
        });

    private bool _kubernetesChecked;
    private void CheckKubernetesVersion()
    {
        if (KubernetesVersion is null || _kubernetesChecked) return;
        _kubernetesChecked = true;
        KubernetesCompatibility.Check(KubeEdgeRelease, KubernetesVersion, Strict);
    }

    /// <summary>The chosen release's tag and recorded commit: the kubeedge pin's when it is that version, else versions.json's.</summary>
    PinGit? KubeEdgeGitSource => PinSet["kubeedge"] is { Git: { } git } pin && pin.Version == KubeEdgeRelease.Version.ToString() ? git
        : KubeEdgeCatalog.TagCommit(KubeEdgeRelease.Version) is { } commit && KubeEdgeCatalog.GitUrl is { } url
            ? new PinGit { Url = url, Tag = KubeEdgeRelease.Tag, Commit = commit, CommitSource = KubeEdgeCatalog.Origin } : null;

    /// <summary>The pinned release archive, fetched and sha256-verified (--sources-dir, cache, URLs, mirrors).</summary>
    private async Task<string> KubeEdgeArchiveAsync(CancellationToken ct)
    {
        var pin = PinSet["kubeedge"];
        if (pin.Version != KubeEdgeRelease.Version.ToString())
            throw new BuildException($"The kubeedge pin ({pin.Origin}) is {pin.Version}, not {KubeEdgeRelease.Version}. " +
                "Give --pins with a kubeedge entry for it (the 'current' profile does), or --kubeedge-source DIR.");
        return await SourceFetcher.FetchAsync(pin, pin.FileFor(), ct);
    }

    private static Task ExtractKubeEdgeArchiveAsync(string archive, string destination, CancellationToken ct) =>
        SafeExtractor.ExtractAsync(archive, destination, ct);
}
