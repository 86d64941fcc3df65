using EdgeBuild.Toolchains;

namespace EdgeBuild.KubeEdge;

/// <summary>One `go build` of a package in a source tree: the same request runs natively or in a golang container.</summary>
public sealed record GoBuildRequest
{
    /// <summary>Module root (the KubeEdge tree).</summary>
    public required string SourceRoot { get; init; }
    /// <summary>Package to build, relative to the root (./edge/cmd/edgecore).</summary>
    public required string Package { get; init; }
    /// <summary>Directory the binary is written to.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>The binary's file name.</summary>
    public required string OutputName { get; init; }
    /// <summary>-ldflags value.</summary>
    public string LdFlags { get; init; } = "";
    /// <summary>-tags value (space-separated).</summary>
    public string Tags { get; init; } = "";
    /// <summary>GOOS, GOARCH, CGO_ENABLED, CC, GOFLAGS... for the go command.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Debian packages that provide CC, installed in a container that lacks it.</summary>
    public IReadOnlyList<string> CrossPackages { get; init; } = [];
    /// <summary>Build log.</summary>
    public string? LogFile { get; init; }

    /// <summary>Where the binary ends up.</summary>
    public string OutputPath => Path.Combine(OutputDirectory, OutputName);

    /// <summary>
    /// The static edgecore build: GOOS=linux, the toolchain's GOARCH and cc with CGO (sqlite), `-extldflags -static`,
    /// vendored modules only, version info set by ldflags since a tarball has no git history to describe.
    /// </summary>
    public static GoBuildRequest ForEdgecore(KubeEdgeSourceTree tree, Toolchain toolchain, Version goVersion, string tags,
        string outputDirectory, DateTimeOffset buildDate, string? logFile)
    {
        var version = tree.Release.Version;
        const string versionPackage = "github.com/kubeedge/kubeedge/pkg/version";
        string[] stamps =
        [
            $"gitVersion=v{version}", $"gitMajor={version.Major}", $"gitMinor={version.Minor}",
            $"gitTreeState=archive", $"buildDate={buildDate.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}",
        ];
        // Workspace trees (go.work, KubeEdge 1.19+) vendor per workspace and reject -mod=vendor; Go picks vendor/ by itself there.
        var goFlags = new List<string>();
        if (!File.Exists(Path.Combine(tree.Root, "go.work"))) goFlags.Add("-mod=vendor");
        // Go 1.18+ stamps VCS data and fails on a tree whose .git it cannot read (a bind mount, another owner).
        if (goVersion >= new Version(1, 18)) goFlags.Add("-buildvcs=false");
        return new GoBuildRequest
        {
            SourceRoot = tree.Root,
            Package = "./edge/cmd/edgecore",
            OutputDirectory = outputDirectory,
            OutputName = "edgecore",
            LdFlags = string.Join(" ", new[] { "-s", "-w", "-buildid=", "-extldflags", "-static" }.Concat(stamps.Select(s => $"-X {versionPackage}.{s}"))),
            Tags = tags,
            Environment = new Dictionary<string, string>
            {
                ["GOOS"] = "linux", ["GOARCH"] = toolchain.GoArch, ["CGO_ENABLED"] = "1", ["CC"] = toolchain.Tools.Cc,
                ["GOFLAGS"] = string.Join(" ", goFlags), ["GOPROXY"] = "off", ["GOTOOLCHAIN"] = "local",
            },
            CrossPackages = toolchain.Packages,
            LogFile = logFile,
        };
    }
}
