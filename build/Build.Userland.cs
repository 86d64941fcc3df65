using EdgeBuild.Engine;
using EdgeBuild.Fetching;
using EdgeBuild.Manifests;
using EdgeBuild.Recipes;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Local mirror: pinned source files by their upstream name, used before the download cache and the network.")] public readonly AbsolutePath? SourcesDir;
    [Parameter("No network: sources must be in --sources-dir or the download cache; fails listing every missing file.")] public readonly bool Offline;

    /// <summary>Gets pinned files: --sources-dir, cache, URLs, mirrors (no network with --offline).</summary>
    public SourceFetcher SourceFetcher => new(DownloadsDirectory, SourcesDir, Offline) { Lock = PinSet.Lock, Locked = IsLocked };
    /// <summary>artifacts/&lt;board&gt;/manifest.json.</summary>
    public ArtifactManifest ArtifactManifest => new(BoardArtifacts);
    /// <summary>The userland components as data: kind, configure and make arguments, install, version check.</summary>
    AbsolutePath UserlandSettingsFile => TargetsDirectory / "userland.json";

    private IReadOnlyList<ComponentSettings>? _userlandComponents;
    /// <summary>targets/userland.json's entries, read once per run.</summary>
    IReadOnlyList<ComponentSettings> UserlandComponents => _userlandComponents ??= ComponentSettings.LoadAll(UserlandSettingsFile);

    Target FetchSources => _ => _
        .Description("Every pinned source into the download cache, sha256-verified; with --offline lists every missing file.")
        .Executes(async ct => await SourceFetcher.FetchAllAsync(PinSet.All.SelectMany(p => p.Files.Select(f => (p, f))), ct));

    Target UserlandSources => _ => _
        .Description("The userland components' sources, fetched in one batch (with --offline: one error listing every missing file).")
        .Unlisted()
        .Executes(async ct => await SourceFetcher.FetchAllAsync(UserlandComponents.Select(c => UserlandContext(c, nameof(UserlandSources)))
            .Select(c => (c.Pin, c.Pin.FileFor(c.Settings.Arch))), ct));

    Target Userland => _ => _
        .Description($"{string.Join(", ", UserlandComponents.Select(c => c.TargetName))} for the board (built in parallel), listed in artifacts/<board>/manifest.json; skipped with --userland-dir.")
        .OnlyWhenStatic(() => UserlandDir is null, "--userland-dir given");

    /// <summary>One target per targets/userland.json entry (Busybox, Iproute2, Iptables, ...), each a part of Userland.</summary>
    private IEnumerable<(string Name, Target Definition)> UserlandTargets() =>
        UserlandComponents.Select(component => (component.TargetName, (Target)(_ => UserlandRecipe(_, component)
            .Description(component.Description)
            .DependentFor(Userland))));

    /// <summary>The shared shape of the recipe targets: up to date while the recipe's input hash and outputs are unchanged.</summary>
    private ITargetDefinition UserlandRecipe(ITargetDefinition target, ComponentSettings component)
    {
        var recipe = new Recipe(component.Name);
        return target
            .DependsOn(UserlandSources)
            .Inputs(() => [PatchesDirectory / component.Name, UserlandSettingsFile, BoardsDirectory / $"{Board}.json"])
            .Outputs(() => recipe.Outputs(UserlandContext(component, component.TargetName)))
            .ContentKey(() => recipe.InputHash(UserlandContext(component, component.TargetName)))
            .Cacheable(ManifestCacheHooks(component.TargetName, ct => recipe.VerifyInstalledAsync(UserlandContext(component, component.TargetName), ct)))
            .Executes(async ct => await recipe.RunAsync(UserlandContext(component, component.TargetName), ct));
    }

    private RecipeContext UserlandContext(ComponentSettings component, string target)
    {
        var settings = component with { Arch = BoardDefinition.ArchOf(component.Name) };
        var toolchain = Context.ToolchainFor(settings.Arch);
        return new RecipeContext
        {
            Pin = PinSet[component.Name],
            Settings = settings,
            Toolchain = toolchain,
            Patches = new PatchSet(PatchesDirectory / component.Name),
            WorkDirectory = WorkDirectory,
            BoardArtifacts = BoardArtifacts,
            Fetcher = SourceFetcher,
            Manifest = ArtifactManifest,
            Target = target,
            ToolEnvironment = NoOutputsCache ? new Dictionary<string, string?>() : CompilerCache.Environment(toolchain, CcacheDirectory, WorkDirectory),
        };
    }
}
