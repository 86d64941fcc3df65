using System.Collections;
using EdgeBuild.Engine;
using EdgeBuild.Testing;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

/// <summary>One real cold `Userland --profile bookworm --offline` build per test run, in a temp copy of the repository's data.</summary>
public sealed class UserlandBuildFixture : IAsyncLifetime
{
    /// <summary>The temp root (targets/, patches/, toolchains/, .nuke/ copied from the repository).</summary>
    public AbsolutePath Root { get; } = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), $"userland-build-{Guid.NewGuid():N}"));
    /// <summary>The bookworm sources, filled from Debian's .orig tarballs.</summary>
    public AbsolutePath Sources { get; private set; } = null!;
    /// <summary>The first build's result.</summary>
    public BuildResult First { get; private set; } = null!;

    /// <summary>One engine invocation: the build object (its Runs), exit code and output.</summary>
    public sealed record BuildResult(Build Build, int ExitCode, string Output)
    {
        /// <summary>The status of target <paramref name="name"/>.</summary>
        public TargetStatus Status(string name) => Build.Runs.Single(r => r.Name == name).Status;
    }

    /// <summary>The repository this test assembly was built from.</summary>
    public static AbsolutePath RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")) && Directory.Exists(Path.Combine(dir.FullName, "targets")))
                return AbsolutePath.Create(dir.FullName);
        throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
    }

    public async Task InitializeAsync()
    {
        var repository = RepositoryRoot();
        Sources = await DebianSources.EnsureBookwormAsync(repository);
        foreach (var folder in new[] { "targets", "patches", "toolchains" }) Copy(repository / folder, Root / folder);
        (Root / ".nuke").CreateDirectory();
        foreach (var file in Directory.GetFiles(repository / ".nuke", "parameters*.json")) File.Copy(file, Root / ".nuke" / Path.GetFileName(file));
        First = await RunAsync("Userland");
    }

    /// <summary>Runs <paramref name="targets"/> with the bookworm profile, offline, from the test sources, through the engine.</summary>
    public Task<BuildResult> RunAsync(params string[] targets) => Task.Run(() =>
    {
        var build = new Build();
        var output = new StringWriter();
        string[] args = [.. targets, "--profile", "bookworm", "--sources-dir", Sources, "--offline", "--downloads-dir", Root / "downloads"];
        var code = BuildExecutor.Run(build, args, "Doctor", new ExecutorOptions
        {
            Output = output, HandleSignals = false, WriteSchema = false, RootDirectory = Root, Environment = new Hashtable(),
        });
        return new BuildResult(build, code, output.ToString());
    });

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

    public Task DisposeAsync()
    {
        if (Root.DirectoryExists()) Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Shares one cold build between the userland test classes (CI has 2 cores: each component is built once per run, plus one patched rebuild).</summary>
[CollectionDefinition(Name)]
public sealed class UserlandBuildCollection : ICollectionFixture<UserlandBuildFixture>
{
    public const string Name = "Userland build";
}
