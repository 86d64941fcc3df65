using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

/// <summary>Where the cloud token may go: never into a distributable sidecar unless the user asks for a device-specific one.</summary>
[Collection("packaging targets")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait("Tier", "Integration")]
public class SidecarSecretTests
{
    private const string Token = "5e6f7a8b.eyJhbGciOiJIUzI1NiJ9.sidecar-secret_token";
    private const string ConfigPath = "etc/kubeedge/config/edgecore.yaml";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // The fixture arguments without --edgecore-yaml, so this run's EdgecoreConfig decides what ships.
    private static async Task<string[]> ArgumentsAsync(TempDirectory dir, params string[] extra)
    {
        var fixture = (await SidecarTargetTests.FixtureArgumentsAsync(dir)).ToList();
        fixture.RemoveRange(fixture.IndexOf("--edgecore-yaml"), 2);
        return ["Sidecar", .. fixture, "--kubeedge-version", "1.9.1", .. extra];
    }

    private static string Sidecar(TempDirectory dir) => Path.Combine(dir["artifacts"], "rk3568", "sidecar-rk3568-1.2.3.tar.gz");

    private static string? EntryText(string archive, string name)
    {
        using var reader = new TarReader(new GZipStream(File.OpenRead(archive), CompressionMode.Decompress));
        while (reader.GetNextEntry() is { } e)
            if (e.Name == name) { using var text = new StreamReader(e.DataStream!); return text.ReadToEnd(); }
        return null;
    }

    [Fact(Timeout = 300000)]
    public async Task The_sidecar_ships_edgecore_yaml_without_the_cloud_token_unless_asked()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var (code, output) = SidecarTargetTests.RunBuild(await ArgumentsAsync(dir, "--cloudcore-address", "10.1.2.3", "--cloud-token", Token));

        // Assert
        code.ShouldBe(0, output);
        var yaml = EntryText(Sidecar(dir), ConfigPath);
        yaml.ShouldNotBeNull().ShouldContain("10.1.2.3:10000");
        yaml.ShouldNotContain("eyJhbGci");
        File.GetUnixFileMode(Sidecar(dir)).ShouldBe((UnixFileMode)0b110_100_100);
        output.ShouldContain("no token: Deploy --cloud-token or start-edgecore.sh --token-file gives it to the device");
        output.ShouldNotContain("sidecar-secret");
    }

    [Fact(Timeout = 300000)]
    public async Task Embed_cloud_token_makes_a_0600_sidecar_named_as_secret_in_the_summary()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var (code, output) = SidecarTargetTests.RunBuild(await ArgumentsAsync(dir, "--cloudcore-address", "10.1.2.3", "--cloud-token", Token, "--embed-cloud-token"));

        // Assert
        code.ShouldBe(0, output);
        EntryText(Sidecar(dir), ConfigPath).ShouldNotBeNull().ShouldContain($"token: {Token}");
        File.GetUnixFileMode(Sidecar(dir)).ShouldBe(Private);
        output.ShouldContain("SECRET: holds the cloud token (mode 0600, device-specific; Release refuses it)");
        output.ShouldNotContain("sidecar-secret");
        File.ReadAllText(Path.ChangeExtension(Path.ChangeExtension(Sidecar(dir), null), ".manifest.json")).ShouldContain("\"cloud-token\": \"embedded\"");
    }

    [Fact(Timeout = 300000)]
    public async Task A_leftover_edgecore_yaml_from_an_earlier_run_is_not_shipped_when_this_run_writes_none()
    {
        // Arrange: an earlier run generated one (with an address); this run gives none.
        using var dir = new TempDirectory();
        var args = await ArgumentsAsync(dir);
        SidecarTargetTests.RunBuild([.. args, "--cloudcore-address", "10.1.2.3"]).Code.ShouldBe(0);
        File.Exists(Path.Combine(dir["artifacts"], "rk3568", "edgecore", "edgecore.yaml")).ShouldBeTrue();

        // Act
        var (code, output) = SidecarTargetTests.RunBuild(args);

        // Assert
        code.ShouldBe(0, output);
        EntryText(Sidecar(dir), ConfigPath).ShouldBeNull();
    }

    [Fact(Timeout = 300000)]
    public async Task An_explicit_edgecore_yaml_holding_a_token_is_refused_without_embed_cloud_token()
    {
        // Arrange
        using var dir = new TempDirectory();
        var config = dir.Write("with-token.yaml", $"modules:\n  edgeHub:\n    token: {Token}\n");

        // Act
        var (code, output) = SidecarTargetTests.RunBuild(await ArgumentsAsync(dir, "--edgecore-yaml", config));

        // Assert
        code.ShouldNotBe(0);
        output.ShouldContain($"edgecore.yaml {config} holds a cloud token, and a sidecar is a distributable archive");
        File.Exists(Sidecar(dir)).ShouldBeFalse();
    }
}
