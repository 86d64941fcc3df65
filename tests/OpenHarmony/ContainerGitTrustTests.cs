using Docker.DotNet;
using EdgeBuild.Containers;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>
/// The OpenHarmony containers run as root on a tree another uid owns; git's ownership check (CVE-2022-24765) must be
/// satisfied the way every git honours: the container's system config. Proven with this machine's git in a container
/// (Debian bookworm's 2.39; no git older than 2.38 is installable here: the apt sources carry bookworm only).
/// </summary>
[Trait("Tier", "Integration")]
public sealed class ContainerGitTrustTests : IAsyncLifetime
{
    private const string Mount = "/home/openharmony";
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private OhosTestImage _image = null!;
    private DockerClient _client = null!;
    private string _tree = null!;

    public async Task InitializeAsync()
    {
        _image = await OhosTestImage.CreateAsync("ohos-git", CopyHostGit, CancellationToken.None);
        _client = DockerEngine.Connect();
        _tree = Directory.CreateTempSubdirectory("ohos-git-tree-").FullName;
        await ProcessRunner.RunAsync("git", ["init", "-q", _tree]);
        await ProcessRunner.RunAsync("chown", ["-R", "4242:4242", _tree]);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _image.DisposeAsync();
        Directory.Delete(_tree, recursive: true);
    }

    [Fact(Timeout = 300000)]
    public async Task Git_in_the_container_trusts_a_tree_another_uid_owns_through_the_system_config()
    {
        // Arrange
        var layout = OhosFixtureTree.Catalog.Common;
        using var logs = new EdgeBuild.Tests.Support.TempDirectory();
        var spec = new ContainerSpec
        {
            Image = _image.Tag, Command = [], Binds = new Dictionary<string, string> { [_tree] = Mount },
            Environment = layout.Environment, WorkingDirectory = Mount, LogFile = Path.Combine(logs.Path, "git.log"),
            NamePrefix = $"edge-build-test-{_run}", AllowFailure = true,
        };
        string[] git = ["git", "-C", Mount, "rev-parse", "--git-dir"];
        var runner = new ContainerRunner(_client);

        // Act
        var bare = await runner.RunAsync(spec with { Command = git, LogFile = Path.Combine(logs.Path, "bare.log") }, CancellationToken.None);
        var trusted = await runner.RunAsync(spec with { Command = layout.TrustingGit(git) }, CancellationToken.None);
        var system = await runner.RunAsync(spec with { Command = layout.TrustingGit(["git", "config", "--system", "--get-all", "safe.directory"]),
            LogFile = Path.Combine(logs.Path, "config.log") }, CancellationToken.None);

        // Assert: without it this git refuses the tree (the check is live), with it the same command works and the
        // setting sits in the system config, not in the command-scope environment older gits ignore.
        bare.ShouldNotBe(0);
        File.ReadAllText(Path.Combine(logs.Path, "bare.log")).ShouldContain("dubious ownership");
        trusted.ShouldBe(0, File.ReadAllText(Path.Combine(logs.Path, "git.log")));
        system.ShouldBe(0);
        File.ReadAllLines(Path.Combine(logs.Path, "config.log")).Last().Trim().ShouldBe(layout.GitSafeDirectory);
        layout.Environment.Keys.ShouldNotContain("GIT_CONFIG_COUNT");
    }

    // This machine's git and the shared libraries it links (ldd), at the same paths in the test rootfs.
    private static void CopyHostGit(string root)
    {
        var git = ProcessRunner.Which("git") ?? throw new InvalidOperationException("git is not installed.");
        var ldd = ProcessRunner.OutputOfAsync("ldd", [git]).GetAwaiter().GetResult();
        var files = ldd.Split('\n').Select(l => l.Split("=>").Last().Trim().Split(' ')[0]).Where(p => p.StartsWith('/')).Append(git);
        foreach (var file in files)
        {
            var target = Path.Combine(root, file.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
