using EdgeBuild.Engine;
using EdgeBuild.Fetching;
using EdgeBuild.Manifests;
using EdgeBuild.Recipes;
using EdgeBuild.Toolchains;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Local mirror: pinned source files by their upstream name, used before the download cache and the network.")] public AbsolutePath? SourcesDir;
    [Parameter("No network: sources must be in --sources-dir or the download cache; fails listing every missing file.")] public bool Offline;

    /// <summary>Gets pinned files: --sources-dir, cache, URLs, mirrors (no network with --offline).</summary>
    public SourceFetcher SourceFetcher => new(DownloadsDirectory, SourcesDir, Offline);
    /// <summary>artifacts/&lt;board&gt;/manifest.json.</summary>
    public ArtifactManifest ArtifactManifest => new(BoardArtifacts);
    /// <summary>Recipe options per component (the arch comes from the board definition).</summary>
    AbsolutePath UserlandSettingsFile => TargetsDirectory / "userland.json";

    private static readonly Recipe[] UserlandRecipes = [new BusyboxRecipe(), new Iproute2Recipe(), new IptablesRecipe()];

    Target FetchSources => _ => _
        .Description("Every pinned source into the download cache, sha256-verified; with --offline lists every missing file.")
        .Executes(async ct => await SourceFetcher.FetchAllAsync(PinSet.All.SelectMany(p => p.Files.Select(f => (p, f))), ct));

    Target UserlandSources => _ => _
        .Description("The userland components' sources, fetched in one batch (with --offline: one error listing every missing file).")
        .Unlisted()
        .Executes(async ct => await SourceFetcher.FetchAllAsync(UserlandRecipes.Select(r => UserlandContext(r, nameof(UserlandSources)))
            .Select(c => (c.Pin, c.Pin.FileFor(c.Settings.Arch))), ct));

    Target Busybox => _ => UserlandRecipe(_, UserlandRecipes[0], nameof(Busybox))
        .Description("Static busybox (defconfig + patches/busybox/config.fragment), ELF-verified, smoke-run under qemu.");

    Target Iproute2 => _ => UserlandRecipe(_, UserlandRecipes[1], nameof(Iproute2))
        .Description("Static ip from iproute2 (host pkg-config kept out), ELF-verified, smoke-run under qemu.");

    Target Iptables => _ => UserlandRecipe(_, UserlandRecipes[2], nameof(Iptables))
        .Description("Static iptables (legacy xtables-legacy-multi + links), ELF-verified, smoke-run under qemu.");

    Target Userland => _ => _
        .Description("busybox, ip and iptables for the board (built in parallel), listed in artifacts/<board>/manifest.json; skipped with --userland-dir.")
        .OnlyWhenStatic(() => UserlandDir is null, "--userland-dir given")
        .DependsOn(Busybox, Iproute2, Iptables);

    /// <summary>The shared shape of the three recipe targets: up to date while the recipe's input hash and outputs are unchanged.</summary>
    private ITargetDefinition UserlandRecipe(ITargetDefinition target, Recipe recipe, string name) => target
        .DependsOn(UserlandSources)
        .Inputs(() => [PatchesDirectory / recipe.Name, UserlandSettingsFile, BoardsDirectory / $"{Board}.json"])
        .Outputs(() => recipe.Outputs(UserlandContext(recipe, name)))
        .ContentKey(() => recipe.InputHash(UserlandContext(recipe, name)))
        .Cacheable(ManifestCacheHooks(name, ct => recipe.VerifyInstalledAsync(UserlandContext(recipe, name), ct)))
        .Executes(async ct => await recipe.RunAsync(UserlandContext(recipe, name), ct));

    private RecipeContext UserlandContext(Recipe recipe, string target)
    {
        var settings = ComponentSettings.Load(UserlandSettingsFile, recipe.Name, BoardDefinition.ArchOf(recipe.Name));
        var toolchain = Toolchain.Find(Toolchain.LoadAll(ToolchainsDirectory), settings.Arch);
        return new RecipeContext
        {
            Pin = PinSet[recipe.Name],
            Settings = settings,
            Toolchain = toolchain,
            Patches = new PatchSet(PatchesDirectory / recipe.Name),
            WorkDirectory = WorkDirectory,
            BoardArtifacts = BoardArtifacts,
            Fetcher = SourceFetcher,
            Manifest = ArtifactManifest,
            Target = target,
            ToolEnvironment = NoOutputsCache ? new Dictionary<string, string?>() : CompilerCache.Environment(toolchain, CcacheDirectory, WorkDirectory),
        };
    }
}
