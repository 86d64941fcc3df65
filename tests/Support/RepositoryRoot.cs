namespace EdgeBuild.Tests.Support;

/// <summary>The checkout the tests run from (the directory holding .nuke).</summary>
public static class RepositoryRoot
{
    /// <summary>Absolute path of the repository root.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, ".nuke")) && File.Exists(System.IO.Path.Combine(dir.FullName, "build.sh")))
                return dir.FullName;
        throw new InvalidOperationException("Repository root (with .nuke and build.sh) not found above " + AppContext.BaseDirectory);
    }
}
