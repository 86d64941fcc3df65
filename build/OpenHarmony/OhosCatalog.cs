using System.Text.RegularExpressions;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>The known OpenHarmony versions (targets/openharmony/*.json) and how to tell which one a tree is.</summary>
public sealed class OhosCatalog
{
    /// <summary>Shared facts (common.json).</summary>
    public OhosCommon Common { get; }
    /// <summary>Every version, oldest first.</summary>
    public IReadOnlyList<OhosVersionInfo> Versions { get; }

    private OhosCatalog(OhosCommon common, IReadOnlyList<OhosVersionInfo> versions) { Common = common; Versions = versions; }

    /// <summary>Reads common.json and one file per version from <paramref name="directory"/>.</summary>
    public static OhosCatalog Load(AbsolutePath directory)
    {
        var common = OhosDataFile.Read<OhosCommon>(directory / "common.json");
        var versions = Directory.GetFiles(directory, "*.json")
            .Where(f => Path.GetFileName(f) != "common.json")
            .Select(f => OhosDataFile.Read<OhosVersionInfo>(f) with { Origin = f })
            .OrderBy(v => Version.Parse(v.Version))
            .ToList();
        return new OhosCatalog(common, versions);
    }

    /// <summary>
    /// The line and release named by <paramref name="version"/>: "5.0.3", "6.1-LTS" or "v6.0.0.2-Release" pick that release exactly,
    /// "5.0" the newest tagged release the data knows; fails listing the known ones.
    /// </summary>
    public OhosVersionInfo Find(string version)
    {
        var text = Regex.Replace(version.Trim(), @"^(OpenHarmony-)?v?|-Release$", "", RegexOptions.IgnoreCase);
        var m = Regex.Match(text, @"^(\d+)\.(\d+)");
        var wanted = m.Success ? $"{m.Groups[1].Value}.{m.Groups[2].Value}" : text;
        var line = Versions.FirstOrDefault(v => v.Version == wanted)
            ?? throw new BuildException($"OpenHarmony {version} is not described in targets/openharmony/. Known versions: " +
                $"{string.Join(", ", Versions.Select(v => v.Version))}. Add a targets/openharmony/<version>.json, or pass one of these with --ohos-version.");
        if (line.Releases.Count == 0) return line;
        var release = text == wanted ? line.Releases.LastOrDefault(r => !r.Branch) ?? line.Releases[^1]
            : line.Releases.FirstOrDefault(r => string.Equals(r.Name, text, StringComparison.OrdinalIgnoreCase))
              ?? (text == wanted + ".0" ? line.Releases.FirstOrDefault(r => r.Name == wanted) : null)
              ?? throw new BuildException($"OpenHarmony {version} is not a release targets/openharmony/{line.Version}.json knows; known: " +
                  $"{string.Join(", ", line.Releases.Select(r => r.Name))}. Add it to that file's releases, or pass one of these with --ohos-version.");
        return line with { Release = release.Name, Manifest = line.Manifest with { Revision = release.Revision, Url = release.Url ?? line.Manifest.Url } };
    }

    /// <summary>The tree's version from its repo manifest or its ohos.para; null when none of the sources says.</summary>
    public (string Version, string Source)? Detect(AbsolutePath tree)
    {
        foreach (var source in Common.VersionSources)
        {
            var file = tree / source.File;
            if (!file.FileExists()) continue;
            var match = Regex.Match(File.ReadAllText(file), source.Pattern);
            if (match.Success) return (match.Groups[1].Value, source.File);
        }
        return null;
    }

    /// <summary>--ohos-version when given, else the tree's own version, else a failure saying how to choose.</summary>
    public OhosVersionInfo Resolve(string? requested, AbsolutePath? tree)
    {
        if (!string.IsNullOrWhiteSpace(requested)) return Find(requested);
        if (tree is null) return Find(Common.DefaultVersion);
        if (Detect(tree) is { } found)
        {
            BuildReport.Current.Debug($"OpenHarmony version {found.Version} read from {found.Source}");
            var line = Find(Regex.Match(found.Version, @"^\d+\.\d+").Value);
            // A point release the data does not list still has its line's layout; it is reported by its own name.
            return line.Releases.Any(r => r.Name == found.Version) ? Find(found.Version) : line with { Release = found.Version };
        }
        throw new BuildException($"Cannot tell which OpenHarmony version {tree} is: none of " +
            $"{string.Join(", ", Common.VersionSources.Select(s => s.File).Distinct())} names one. " +
            $"Pass --ohos-version ({string.Join(", ", Versions.Select(v => v.Version))}).");
    }
}
