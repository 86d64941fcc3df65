using System.Text.RegularExpressions;
using EdgeBuild.Engine;

namespace EdgeBuild.Recipes;

/// <summary>
/// busybox: `make defconfig`, then patches/busybox/config.fragment (CONFIG_STATIC=y, CONFIG_TC off), then
/// `make CROSS_COMPILE=&lt;triplet&gt;-`. Reproducible: no build timestamp in the banner, SOURCE_DATE_EPOCH fixed.
/// </summary>
public sealed partial class BusyboxRecipe : Recipe
{
    /// <summary>The config fragment's file name inside patches/busybox/.</summary>
    public const string FragmentName = "config.fragment";

    public override string Name => "busybox";
    protected override int RecipeVersion => 1;

    protected override async Task ConfigureAsync(RecipeContext context, string source, string log, CancellationToken ct)
    {
        var environment = Environment(source);
        await RunAsync(source, log, "make", ["defconfig"], environment, ct);
        var fragment = context.Patches.Directory / FragmentName;
        if (fragment.FileExists()) ApplyFragment(Path.Combine(source, ".config"), File.ReadAllLines(fragment), fragment);
        // oldconfig settles what depends on the changed symbols; newlines accept each default it asks about.
        await RunAsync(source, log, "make", ["oldconfig"], environment, ct, input: new string('\n', 2000));
    }

    protected override async Task<string> MakeAsync(RecipeContext context, string source, string log, CancellationToken ct)
    {
        await RunAsync(source, log, "make", [$"-j{context.Jobs}", $"CROSS_COMPILE={context.Toolchain.Triplet}-", "busybox"], Environment(source), ct);
        return Path.Combine(source, "busybox");
    }

    protected override IReadOnlyList<string> Changes(RecipeContext context) =>
        [.. base.Changes(context), .. (context.Patches.Directory / FragmentName).FileExists()
            ? File.ReadLines(context.Patches.Directory / FragmentName).Where(l => Setting().IsMatch(l)).Select(l => $"{FragmentName}: {l.Trim()}")
            : []];

    /// <summary>Sets each CONFIG_ line of the fragment in .config, replacing the symbol's existing line.</summary>
    public static void ApplyFragment(string configFile, IEnumerable<string> fragmentLines, string fragmentName)
    {
        var config = File.ReadAllLines(configFile).ToList();
        foreach (var line in fragmentLines)
        {
            var match = Setting().Match(line.Trim());
            if (!match.Success) continue;
            var symbol = match.Groups["on"].Success ? match.Groups["on"].Value : match.Groups["off"].Value;
            var index = config.FindIndex(l => l.StartsWith(symbol + "=", StringComparison.Ordinal) || l == $"# {symbol} is not set");
            if (index < 0)
                throw new BuildException($"{fragmentName}: {symbol} is not a symbol of this busybox's defconfig; fix or drop the line '{line.Trim()}'.");
            config[index] = line.Trim();
        }
        File.WriteAllLines(configFile, config);
    }

    private static Dictionary<string, string?> Environment(string source) => new()
    {
        ["KCONFIG_NOTIMESTAMP"] = "1",
        ["SOURCE_DATE_EPOCH"] = new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(source, "Makefile"))).ToUnixTimeSeconds().ToString(),
    };

    [GeneratedRegex(@"^(?:(?<on>CONFIG_[A-Za-z0-9_]+)=.*|# (?<off>CONFIG_[A-Za-z0-9_]+) is not set)$")]
    private static partial Regex Setting();
}
