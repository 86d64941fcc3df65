using EdgeBuild.Kernel;
using EdgeBuild.Tooling;

namespace EdgeBuild.Recipes;

/// <summary>
/// The patches folder's config.fragment of a kconfig component (busybox), merged over `make defconfig` by the same
/// <see cref="ConfigFragment"/> merge as the kernel's; a symbol the .config lacks is refused.
/// </summary>
public static class KconfigFragment
{
    /// <summary>The fragment's file name inside patches/&lt;component&gt;/.</summary>
    public const string FileName = "config.fragment";

    /// <summary>Sets each CONFIG_ line of <paramref name="fragmentFile"/> in <paramref name="configFile"/>, replacing the symbol's existing line.</summary>
    public static void Apply(string configFile, string fragmentFile) =>
        Files.WriteAtomically(configFile, ConfigFragment.Load(fragmentFile).MergeInto(File.ReadAllText(configFile), MissingSymbols.Refuse));

    /// <summary>Manifest lines "config.fragment: CONFIG_X=y" for the fragment in <paramref name="patches"/>, if any.</summary>
    public static IReadOnlyList<string> Describe(PatchSet patches) => (patches.Directory / FileName).FileExists()
        ? [.. ConfigFragment.Load(patches.Directory / FileName).Lines.Select(l => $"{FileName}: {l.Text}")]
        : [];
}
