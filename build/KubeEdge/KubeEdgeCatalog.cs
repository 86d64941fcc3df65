using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>Kubernetes versions a KubeEdge series is tested with (its README's compatibility matrix).</summary>
public sealed record KubernetesRange(IReadOnlyList<string> Exact, string? PartialFrom, string Source);

/// <summary>One supported KubeEdge minor series and what differs between series (targets/kubeedge/versions.json).</summary>
public sealed record KubeEdgeSeries(
    string Minor, string Newest, string GoMinimum, string GoUpstream, string GolangImage, string Runc, string Runtime,
    KubernetesRange Kubernetes, string RootDirEdits, string Config, string PauseImage);

/// <summary>Where a series keeps edged's root and container-log dirs: Go constants to set, and the edgecore.yaml root dir.</summary>
public sealed record RootDirEdits(string Why, string File, IReadOnlyDictionary<string, string> Constants, string? ConfigRootDirectory)
{
    /// <summary>The constants' values with {dataRoot} filled in.</summary>
    public IReadOnlyDictionary<string, string> ConstantsFor(string dataRoot) =>
        Constants.ToDictionary(kv => kv.Key, kv => Fill(kv.Value, dataRoot));

    /// <summary>modules.edged.rootDirectory for this data root, or null when the series has no such field.</summary>
    public string? ConfigRootDirectoryFor(string dataRoot) => ConfigRootDirectory is { } value ? Fill(value, dataRoot) : null;

    private static string Fill(string template, string dataRoot) => template.Replace("{dataRoot}", dataRoot.TrimEnd('/'));
}

/// <summary>How edged talks to a container runtime: its runtime type and, for a remote runtime, the CRI socket.</summary>
public sealed record RuntimeSettings(string RuntimeType, string? Endpoint);

/// <summary>A resolved KubeEdge release: the exact version and its series.</summary>
public sealed record KubeEdgeRelease(Version Version, KubeEdgeSeries Series, RootDirEdits RootDirEdits, RuntimeSettings Runtime)
{
    /// <summary>"v1.9.1", as KubeEdge's tags and `edgecore --version` spell it.</summary>
    public string Tag => $"v{Version}";
}

/// <summary>The supported KubeEdge versions and their per-series facts, from targets/kubeedge/versions.json.</summary>
public sealed class KubeEdgeCatalog
{
    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    private sealed record CatalogFile(
        IReadOnlyList<KubeEdgeSeries> Series, string GoBuildTags,
        IReadOnlyDictionary<string, RuntimeSettings> Runtimes, IReadOnlyDictionary<string, RootDirEdits> RootDirEdits,
        string? GitUrl = null, IReadOnlyDictionary<string, string>? TagCommits = null);

    private readonly CatalogFile _file;
    /// <summary>The data file this catalog came from (named in errors).</summary>
    public string Origin { get; }

    private KubeEdgeCatalog(CatalogFile file, string origin) { _file = file; Origin = origin; }

    /// <summary>Every supported series, oldest first.</summary>
    public IReadOnlyList<KubeEdgeSeries> Series => _file.Series;
    /// <summary>Go build tags for edgecore (pure-Go resolver and user lookup: a static glibc binary must not dlopen NSS modules).</summary>
    public string GoBuildTags => _file.GoBuildTags;

    /// <summary>The KubeEdge git repository (for a checkout of a tag).</summary>
    public string? GitUrl => _file.GitUrl;

    /// <summary>The recorded commit of <paramref name="version"/>'s tag, or null when versions.json does not know it.</summary>
    public string? TagCommit(Version version) => _file.TagCommits?.GetValueOrDefault(version.ToString());

    /// <summary>Loads versions.json from <paramref name="directory"/> (targets/kubeedge).</summary>
    public static KubeEdgeCatalog Load(string directory)
    {
        var path = Path.Combine(directory, "versions.json");
        var file = DataJson.Read<CatalogFile>(path, "KubeEdge version catalog");
        foreach (var series in file.Series)
        {
            if (!file.RootDirEdits.ContainsKey(series.RootDirEdits)) throw new BuildException($"{path}: series {series.Minor} names rootDirEdits '{series.RootDirEdits}', which is not defined.");
            if (!file.Runtimes.ContainsKey(series.Runtime)) throw new BuildException($"{path}: series {series.Minor} names runtime '{series.Runtime}', which is not defined.");
        }
        return new KubeEdgeCatalog(file, path);
    }

    /// <summary>"1.9.1" or "v1.9.1" → its release; an unsupported version fails listing the supported ones.</summary>
    public KubeEdgeRelease Resolve(string version)
    {
        var text = version.Trim().TrimStart('v', 'V');
        if (!Version.TryParse(text, out var parsed) || parsed.Build < 0)
            throw new BuildException($"KubeEdge version '{version}' is not a release version like 1.9.1. {SupportedText()}");
        var series = _file.Series.FirstOrDefault(s => s.Minor == $"{parsed.Major}.{parsed.Minor}")
            ?? throw new BuildException($"KubeEdge {version} is not supported. {SupportedText()}");
        if (parsed > Version.Parse(series.Newest))
            BuildReport.Current.Warning($"KubeEdge {version} is newer than the newest {series.Minor} release this build knows ({series.Newest}); facts of {series.Minor} are used. Update {Origin} if it differs.");
        return new KubeEdgeRelease(parsed, series, _file.RootDirEdits[series.RootDirEdits], _file.Runtimes[series.Runtime]);
    }

    private string SupportedText() =>
        $"Supported: {string.Join(", ", _file.Series.Select(s => $"{s.Minor}.x (newest {s.Newest})"))} — from {Origin}.";
}
