using EdgeBuild.Tooling;
using EdgeBuild.Engine;
using EdgeBuild.Packaging;
using EdgeBuild.Pins;
using EdgeBuild.Tests.Support;
using EdgeBuild.Toolchains;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Packaging;

public class DockerStaticUnpackerTests
{
    private static readonly ElfExpectation Arm64 = new("AArch64", 64, null);
    private static readonly DockerStaticFileSets Sets = DockerStaticFileSets.Load(Path.Combine(RepositoryRoot.Path, "targets", "docker-static-files.json"));

    /// <summary>A docker-static pin for <paramref name="tarball"/> as it is (its real sha256).</summary>
    internal static async Task<(Pin Pin, PinFile File)> PinAsync(string tarball, string version)
    {
        var file = new PinFile { FileName = Path.GetFileName(tarball), Sha256 = await FileHash.Sha256Async(tarball), Arch = "arm64" };
        return (new Pin { Name = "docker-static", Version = version, License = "Apache-2.0", Files = [file], Origin = "test" }, file);
    }

    [Theory]
    [InlineData("18.09.2", "18.09")]
    [InlineData("19.03.15", "18.09")]
    [InlineData("20.10.24", "20.10")]
    [InlineData("27.3.1", "23.0")]
    [Trait("Tier", "Fast")]
    public void Each_version_maps_to_its_family(string version, string family) => Sets.For(version).From.ShouldBe(family);

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task The_18_09_file_set_unpacks_and_every_binary_is_a_static_arm64_elf()
    {
        // Arrange
        using var dir = new TempDirectory();
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2", Sets.For("18.09.2").Binaries);
        var (pin, file) = await PinAsync(tarball, "18.09.2");

        // Act
        var result = await DockerStaticUnpacker.RunAsync(tarball, pin, file, Sets.For("18.09.2"), Arm64, dir["out"], CancellationToken.None);

        // Assert
        result.Binaries.ShouldBe(["containerd", "containerd-shim", "ctr", "docker", "docker-init", "docker-proxy", "dockerd", "runc"]);
        Directory.GetFiles(dir["out"]).Select(Path.GetFileName).Order().ShouldBe(result.Binaries);
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task A_missing_or_extra_binary_fails_naming_both()
    {
        // Arrange: an 18.09 pin whose tarball has 20.10's shim v2 and lacks docker-proxy
        using var dir = new TempDirectory();
        var binaries = Sets.For("20.10.0").Binaries.Where(b => b != "docker-proxy");
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2", binaries);
        var (pin, file) = await PinAsync(tarball, "18.09.2");

        // Act
        var error = await Should.ThrowAsync<BuildException>(() =>
            DockerStaticUnpacker.RunAsync(tarball, pin, file, Sets.For("18.09.2"), Arm64, dir["out"], CancellationToken.None));

        // Assert
        error.Message.ShouldContain("missing: docker-proxy");
        error.Message.ShouldContain("unexpected: containerd-shim-runc-v2");
        Directory.Exists(dir["out"]).ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task A_binary_for_the_wrong_arch_fails_the_elf_check()
    {
        // Arrange
        using var dir = new TempDirectory();
        var armhf = await Fixtures.StaticElfAsync("arm-linux-gnueabihf-gcc");
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2", Sets.For("18.09.2").Binaries, armhf);
        var (pin, file) = await PinAsync(tarball, "18.09.2");

        // Act
        var error = await Should.ThrowAsync<BuildException>(() =>
            DockerStaticUnpacker.RunAsync(tarball, pin, file, Sets.For("18.09.2"), Arm64, dir["out"], CancellationToken.None));

        // Assert
        error.Message.ShouldContain("expected AArch64");
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task A_tarball_that_does_not_match_its_pin_is_refused()
    {
        // Arrange
        using var dir = new TempDirectory();
        var tarball = await Fixtures.DockerTarballAsync(dir.Path, "18.09.2", Sets.For("18.09.2").Binaries);
        var (pin, file) = await PinAsync(tarball, "18.09.2");
        await File.AppendAllTextAsync(tarball, "tampered");

        // Act
        var error = await Should.ThrowAsync<BuildException>(() =>
            DockerStaticUnpacker.RunAsync(tarball, pin, file, Sets.For("18.09.2"), Arm64, dir["out"], CancellationToken.None));

        // Assert
        error.Message.ShouldContain("but pin docker-static 18.09.2 (test) says");
    }
}
