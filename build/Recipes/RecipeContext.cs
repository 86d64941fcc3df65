using EdgeBuild.Fetching;
using EdgeBuild.Manifests;
using EdgeBuild.Pins;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;

namespace EdgeBuild.Recipes;

/// <summary>Everything one recipe run needs, gathered by the target from parameters and data files.</summary>
public sealed record RecipeContext
{
    /// <summary>The component's pin (version, source file, licence).</summary>
    public required Pin Pin { get; init; }
    /// <summary>The component's entry in targets/userland.json.</summary>
    public required ComponentSettings Settings { get; init; }
    /// <summary>The cross toolchain for <see cref="ComponentSettings.Arch"/>.</summary>
    public required Toolchain Toolchain { get; init; }
    /// <summary>patches/&lt;component&gt;/.</summary>
    public required PatchSet Patches { get; init; }
    /// <summary>Root of the build trees (each keyed by its input hash).</summary>
    public required AbsolutePath WorkDirectory { get; init; }
    /// <summary>artifacts/&lt;board&gt;.</summary>
    public required AbsolutePath BoardArtifacts { get; init; }
    /// <summary>Gets the source tarball.</summary>
    public required SourceFetcher Fetcher { get; init; }
    /// <summary>Records the installed files.</summary>
    public required ArtifactManifest Manifest { get; init; }
    /// <summary>The target running the recipe (recorded in the manifest).</summary>
    public required string Target { get; init; }
    /// <summary>Variables every build command runs with (the toolchain's ccache masquerade; empty without ccache).</summary>
    public IReadOnlyDictionary<string, string?> ToolEnvironment { get; init; } = new Dictionary<string, string?>();
    /// <summary>make -j value.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>The entry's text with the toolchain's {cc}, {ar}, {ldflags} and {triplet} filled in.</summary>
    public string Expand(string text) => text
        .Replace("{cc}", Toolchain.Tools.Cc).Replace("{ar}", Toolchain.Tools.Ar)
        .Replace("{ldflags}", Toolchain.Ldflags).Replace("{triplet}", Toolchain.Triplet);

    /// <summary>artifacts/&lt;board&gt;/userland/&lt;arch&gt;/bin.</summary>
    public AbsolutePath BinDirectory => BoardArtifacts / "userland" / Settings.Arch / "bin";
    /// <summary>artifacts/&lt;board&gt;/userland/licenses/&lt;component&gt;.</summary>
    public AbsolutePath LicenseDirectory => BoardArtifacts / "userland" / "licenses" / Pin.Name;
}
