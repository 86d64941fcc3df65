using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Containers;
using EdgeBuild.Engine;
using EdgeBuild.Tests.OpenHarmony;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Containers;

/// <summary>The derived builder image, built through the engine API FROM a docker-imported base whose "package manager" records what it installs.</summary>
[Trait("Tier", "Integration")]
public sealed class DerivedImageTests : IAsyncLifetime
{
    private OhosTestImage _base = null!;
    private DockerClient _client = null!;
    private readonly List<string> _built = [];

    // Stands in for apt-get: installing means the package names land in /etc/installed-packages.
    private const string FakeInstaller = "#!/bin/sh\nfor p in \"$@\"; do echo \"$p\" >> /etc/installed-packages; done\n";

    public async Task InitializeAsync()
    {
        _base = await OhosTestImage.CreateAsync("derived-base", root =>
        {
            File.WriteAllText(Path.Combine(root, "usr", "local", "bin", "install-packages"), FakeInstaller);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(root, "usr", "local", "bin", "install-packages"), (UnixFileMode)0b111_101_101);
        }, CancellationToken.None);
        _client = DockerEngine.Connect();
    }

    public async Task DisposeAsync()
    {
        foreach (var tag in _built)
            try { await _client.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true }); } catch (DockerApiException) { }
        _client.Dispose();
        await _base.DisposeAsync();
    }

    private DerivedImage Recipe(params string[] packages) => new()
    {
        Base = _base.Tag, Packages = packages, InstallCommand = "/usr/local/bin/install-packages {packages}", Repository = "edge-build-test/derived",
    };

    [Fact(Timeout = 300000)]
    public async Task The_image_is_built_from_the_base_with_the_packages_once_and_reused_by_its_content_hash()
    {
        // Arrange
        var recipe = Recipe("autoconf", "automake", "libtool", "cmake");
        _built.Add(recipe.Tag);
        var runner = new ContainerRunner(_client);

        // Act
        await runner.EnsureImageAsync(recipe, CancellationToken.None);
        var first = (await _client.Images.InspectImageAsync(recipe.Tag)).ID;
        await runner.EnsureImageAsync(recipe, CancellationToken.None);
        var second = (await _client.Images.InspectImageAsync(recipe.Tag)).ID;

        // Assert: the packages are in the image; the second call found it by tag and built nothing new.
        using var logs = new TempDirectory();
        var log = Path.Combine(logs.Path, "cat.log");
        await runner.RunAsync(new EdgeBuild.Containers.ContainerSpec { Image = recipe.Tag, Command = ["cat", "/etc/installed-packages"], LogFile = log }, CancellationToken.None);
        File.ReadAllLines(log).Where(l => !l.StartsWith('$')).ShouldBe(["autoconf", "automake", "libtool", "cmake"]);
        second.ShouldBe(first);
        recipe.Tag.ShouldStartWith("edge-build-test/derived:");
        Recipe("autoconf", "automake", "libtool", "cmake").Tag.ShouldBe(recipe.Tag);
        Recipe("autoconf", "cmake").Tag.ShouldNotBe(recipe.Tag);
        (recipe with { Base = "other/base:1" }).Tag.ShouldNotBe(recipe.Tag);
    }

    [Fact(Timeout = 300000)]
    public async Task A_failing_install_fails_naming_the_image_and_builder_image()
    {
        var recipe = Recipe("x") with { InstallCommand = "false {packages}" };
        _built.Add(recipe.Tag);

        var error = await Should.ThrowAsync<BuildException>(() => new ContainerRunner(_client).EnsureImageAsync(recipe, CancellationToken.None));

        error.Message.ShouldContain(recipe.Tag);
        error.Message.ShouldContain("--builder-image");
    }
}
