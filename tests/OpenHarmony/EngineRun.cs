using EdgeBuild.Tests.Support;
using EdgeBuild.Engine;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>Runs the real build (engine, parameters, targets) in a scratch root that links the repository's data folders.</summary>
public sealed class EngineRun : IDisposable
{
    /// <summary>The scratch root (.nuke, and links to targets/ and patches/).</summary>
    public AbsolutePath Root { get; }

    /// <summary>A scratch root whose state and artifacts stay out of the repository.</summary>
    public EngineRun()
    {
        Root = AbsolutePath.Create(Directory.CreateTempSubdirectory("ohos-engine-").FullName);
        Directory.CreateDirectory(Root / ".nuke");
        foreach (var data in new[] { "targets", "patches", "toolchains" })
            Directory.CreateSymbolicLink(Root / data, RepositoryRoot.Absolute / data);
    }

    /// <summary>Runs <paramref name="args"/>; returns the exit code, the output and the build (for target statuses).</summary>
    public (int ExitCode, string Output, Build Build) Run(params string[] args)
    {
        var run = BuildRunner.Run(args, Root);
        return (run.ExitCode, run.Output, run.Build);
    }

    /// <summary>The status of <paramref name="target"/> in the last run of <paramref name="build"/>.</summary>
    public static TargetStatus StatusOf(Build build, string target) => build.Runs.Single(r => r.Name == target).Status;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
