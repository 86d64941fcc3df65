using EdgeBuild.Engine;
using EdgeBuild.Tooling;
namespace EdgeBuild.Tests.Support;

/// <summary>The checkout the tests run from (the directory holding .nuke).</summary>
public static class RepositoryRoot
{
    /// <summary>Absolute path of the repository root.</summary>
    public static string Path { get; } = Find();

    /// <summary>The repository root as an <see cref="AbsolutePath"/> (for the / operator).</summary>
    public static AbsolutePath Absolute => AbsolutePath.Create(Path);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, ".nuke")) && File.Exists(System.IO.Path.Combine(dir.FullName, "build.sh")))
                return dir.FullName;
        throw new InvalidOperationException("Repository root (with .nuke and build.sh) not found above " + AppContext.BaseDirectory);
    }
}
