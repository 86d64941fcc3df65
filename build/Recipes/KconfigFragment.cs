using System.Text.RegularExpressions;
using EdgeBuild.Engine;

namespace EdgeBuild.Recipes;

/// <summary>
/// The patches folder's config.fragment of a kconfig component (busybox): CONFIG_ lines set over `make defconfig`,
/// "# CONFIG_X is not set" turning a symbol off.
/// </summary>
public static partial class KconfigFragment
{
    /// <summary>The fragment's file name inside patches/&lt;component&gt;/.</summary>
    public const string FileName = "config.fragment";

    /// <summary>Sets each CONFIG_ line of the fragment in .config, replacing the symbol's existing line.</summary>
    public static void Apply(string configFile, IEnumerable<string> fragmentLines, string fragmentName)
    {
        var config = File.ReadAllLines(configFile).ToList();
        foreach (var line in fragmentLines)
        {
            var match = Setting().Match(line.Trim());
            if (!match.Success) continue;
            var symbol = match.Groups["on"].Success ? match.Groups["on"].Value : match.Groups["off"].Value;
            var index = config.FindIndex(l => l.StartsWith(symbol + "=", StringComparison.Ordinal) || l == $"# {symbol} is not set");
            if (index < 0)
                throw new BuildException($"{fragmentName}: {symbol} is not a symbol of this tree's defconfig; fix or drop the line '{line.Trim()}'.");
            config[index] = line.Trim();
        }
        File.WriteAllLines(configFile, config);
    }

    /// <summary>Manifest lines "config.fragment: CONFIG_X=y" for the fragment in <paramref name="patches"/>, if any.</summary>
    public static IReadOnlyList<string> Describe(PatchSet patches) => (patches.Directory / FileName).FileExists()
        ? [.. File.ReadLines(patches.Directory / FileName).Where(l => Setting().IsMatch(l)).Select(l => $"{FileName}: {l.Trim()}")]
        : [];

    [GeneratedRegex(@"^(?:(?<on>CONFIG_[A-Za-z0-9_]+)=.*|# (?<off>CONFIG_[A-Za-z0-9_]+) is not set)$")]
    private static partial Regex Setting();
}
