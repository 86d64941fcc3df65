using EdgeBuild.Containers;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>
/// Runs a <see cref="GoBuildRequest"/> in a golang image through the engine API: the tree bind-mounted read-only,
/// the output directory bind-mounted, the Go build cache in a named volume; the container is removed on success,
/// failure and Ctrl-C (<see cref="ContainerRunner"/>).
/// </summary>
public sealed class ContainerGoBuild(ContainerRunner runner)
{
    /// <summary>Named volume keeping Go's build cache between runs.</summary>
    public const string CacheVolume = "edge-build-go-cache";

    // Values travel in the environment, not spliced into the script, so no quoting can break it.
    private const string Script = """
        set -eu
        if [ "${CGO_ENABLED:-0}" = 1 ] && ! command -v "$CC" >/dev/null 2>&1; then
          echo "installing $CROSS_PACKAGES for $CC"
          apt-get update -qq && apt-get install -y -qq --no-install-recommends $CROSS_PACKAGES
        fi
        go version
        go build -o "/out/$OUTPUT_NAME" -tags "$GO_TAGS" -ldflags "$GO_LDFLAGS" "$GO_PACKAGE"
        chown "$(stat -c %u:%g /out)" "/out/$OUTPUT_NAME"
        """;

    /// <summary>Builds in <paramref name="image"/> and returns the binary's path on the host.</summary>
    public async Task<string> RunAsync(GoBuildRequest request, string image, CancellationToken ct)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        await runner.EnsureImageAsync(image, ct);
        var environment = new Dictionary<string, string>(request.Environment)
        {
            ["OUTPUT_NAME"] = request.OutputName, ["GO_TAGS"] = request.Tags, ["GO_LDFLAGS"] = request.LdFlags,
            ["GO_PACKAGE"] = request.Package, ["CROSS_PACKAGES"] = string.Join(" ", request.CrossPackages),
            ["GOCACHE"] = "/go-cache", ["HOME"] = "/tmp",
        };
        await runner.RunAsync(new ContainerSpec
        {
            Image = image,
            Command = ["sh", "-c", Script],
            Binds = new Dictionary<string, string> { [request.SourceRoot] = "/src:ro", [request.OutputDirectory] = "/out" },
            Volumes = new Dictionary<string, string> { [CacheVolume] = "/go-cache" },
            Environment = environment,
            WorkingDirectory = "/src",
            NamePrefix = "edge-build-go",
            LogFile = request.LogFile,
            OutputLevel = LogLevel.Debug,
        }, ct);
        if (!File.Exists(request.OutputPath))
            throw new BuildException($"The build in {image} finished but left no {request.OutputName} in {request.OutputDirectory}; log: {request.LogFile}.");
        return request.OutputPath;
    }
}
