namespace EdgeBuild.Tests.Packaging;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root: the nearest directory above the test binaries holding .nuke.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>device/&lt;name&gt;.</summary>
    public static string Device(string name) => Path.Combine(Root, "device", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke"))) return dir.FullName;
        throw new InvalidOperationException($"No .nuke directory above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
