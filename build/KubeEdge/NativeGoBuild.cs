using EdgeBuild.Tooling;

namespace EdgeBuild.KubeEdge;

/// <summary>Runs a <see cref="GoBuildRequest"/> with the `go` on PATH.</summary>
public static class NativeGoBuild
{
    /// <summary>Builds and returns the binary's path; failures name the command, exit code and log.</summary>
    public static async Task<string> RunAsync(GoBuildRequest request, CancellationToken ct)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        await ProcessRunner.RunAsync("go", ["build", "-o", request.OutputPath, "-tags", request.Tags, "-ldflags", request.LdFlags, request.Package],
            new ProcessOptions
            {
                WorkingDirectory = request.SourceRoot,
                Environment = request.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
                LogFile = request.LogFile,
            }, ct);
        return request.OutputPath;
    }
}
