using System.Collections;
using EdgeBuild.Engine;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Support;

/// <summary>What one in-process run of the build printed and returned.</summary>
public sealed record BuildRun(int ExitCode, string Output, Build Build)
{
    /// <summary>The status a target ended with.</summary>
    public TargetStatus StatusOf(string target) => Build.Runs.Single(r => r.Name == target).Status;
}

/// <summary>Runs the real build (the Build class) in-process through the engine, as ./build.sh would, capturing output.</summary>
public static class BuildRunner
{
    /// <summary>Runs <paramref name="args"/> against <paramref name="root"/> (default: this repository), with an empty environment unless given.</summary>
    public static BuildRun Run(IReadOnlyList<string> args, string? root = null, IDictionary? environment = null, Build? build = null)
    {
        build ??= new Build();
        var writer = new StringWriter();
        var code = BuildExecutor.Run(build, args, "Doctor", new ExecutorOptions
        {
            Output = TextWriter.Synchronized(writer),
            // Tests never share the user's output cache: without an explicit --outputs-cache a run builds everything (no ccache either).
            Environment = environment ?? (args.Contains("--outputs-cache") ? new Hashtable() : new Hashtable { ["NUKE_NO_OUTPUTS_CACHE"] = "true" }),
            WorkingDirectory = root ?? RepositoryRoot.Path,
            RootDirectory = AbsolutePath.Create(root ?? RepositoryRoot.Path),
            HandleSignals = false,
            WriteSchema = false,
        });
        return new BuildRun(code, writer.ToString(), build);
    }
}
