using EdgeBuild.Tests.Support;
using System.Collections;
using EdgeBuild.Engine;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Recipes;

/// <summary>A temp root holding copies of the repository's data (targets/, patches/, toolchains/, .nuke/parameters*.json), for engine runs that must not touch the checkout.</summary>
public sealed class RepositoryCopy : IDisposable
{
    /// <summary>The temp root.</summary>
    public AbsolutePath Root { get; } = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), $"userland-root-{Guid.NewGuid():N}"));

    public RepositoryCopy()
    {
        var repository = RepositoryRoot.Absolute;
        foreach (var folder in new[] { "targets", "patches", "toolchains", "device" }) Copy(repository / folder, Root / folder);
        (Root / ".nuke").CreateDirectory();
        foreach (var file in Directory.GetFiles(repository / ".nuke", "parameters*.json")) File.Copy(file, Root / ".nuke" / Path.GetFileName(file));
    }

    /// <summary>Runs the build in this root through the engine with <paramref name="args"/>; returns the build, exit code and output.</summary>
    public (Build Build, int ExitCode, string Output) Run(params string[] args)
    {
        var run = BuildRunner.Run(args, Root);
        return (run.Build, run.ExitCode, run.Output);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        if (Root.DirectoryExists()) Directory.Delete(Root, recursive: true);
    }
}
