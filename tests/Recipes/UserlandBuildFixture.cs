using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using Xunit;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Recipes;

/// <summary>One real cold `Userland --profile bookworm --offline` build per test run, in a temp copy of the repository's data.</summary>
public sealed class UserlandBuildFixture : IAsyncLifetime
{
    private readonly RepositoryCopy _copy = new();

    /// <summary>The temp root (targets/, patches/, toolchains/, .nuke/ copied from the repository).</summary>
    public AbsolutePath Root => _copy.Root;
    /// <summary>The bookworm sources, filled from Debian's .orig tarballs.</summary>
    public AbsolutePath Sources { get; private set; } = null!;
    /// <summary>The output cache every run of the fixture fills (ccache beside it): fresh per test run, never the user's.</summary>
    public AbsolutePath OutputsCache => Root / "cache" / "outputs";
    /// <summary>The first build's result.</summary>
    public BuildResult First { get; private set; } = null!;

    /// <summary>One engine invocation: the build object (its Runs), exit code and output.</summary>
    public sealed record BuildResult(Build Build, int ExitCode, string Output)
    {
        /// <summary>The status of target <paramref name="name"/>.</summary>
        public TargetStatus Status(string name) => Build.Runs.Single(r => r.Name == name).Status;
    }

    public async Task InitializeAsync()
    {
        Sources = await DebianSources.EnsureBookwormAsync(RepositoryRoot.Absolute);
        First = await RunAsync("Userland");
    }

    /// <summary>Runs <paramref name="targets"/> with the bookworm profile, offline, from the test sources, through the engine.</summary>
    public Task<BuildResult> RunAsync(params string[] targets) => Task.Run(() =>
    {
        var (build, code, output) = _copy.Run([.. targets, "--profile", "bookworm", "--sources-dir", Sources, "--offline", "--downloads-dir", Root / "downloads", "--outputs-cache", OutputsCache]);
        return new BuildResult(build, code, output);
    });

    public Task DisposeAsync()
    {
        _copy.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Shares one cold build between the userland test classes (CI has 2 cores: each component is built once per run, plus one patched rebuild).</summary>
[CollectionDefinition(Name)]
public sealed class UserlandBuildCollection : ICollectionFixture<UserlandBuildFixture>
{
    public const string Name = "Userland build";
}
