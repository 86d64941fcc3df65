using EdgeBuild.Containers;
using EdgeBuild.Engine;
using EdgeBuild.Tests.OpenHarmony;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Containers.Remote;

/// <summary>The client against a second dockerd over TLS on loopback: verified both ways, seen as remote.</summary>
[Trait("Tier", "Integration")]
public sealed class RemoteEngineTests : IAsyncLifetime
{
    private RemoteTlsDaemon _daemon = null!;

    public async Task InitializeAsync() => _daemon = await RemoteTlsDaemon.StartAsync(CancellationToken.None);
    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [Fact(Timeout = 120000)]
    public async Task A_tls_engine_from_DOCKER_HOST_answers_and_is_described_as_remote_amd64()
    {
        using var client = DockerEngine.Connect(_daemon.Endpoint);
        var facts = await EngineFacts.ReadAsync(client, _daemon.Endpoint, CancellationToken.None);

        facts.Endpoint.IsRemote.ShouldBeTrue();
        facts.DataRoot.ShouldBe(Path.Combine(_daemon.Directory, "data"));
        facts.IsAmd64.ShouldBeTrue();
        facts.ToString().ShouldStartWith($"remote {_daemon.Host} (TLS)");
        Should.NotThrow(() => facts.RequireAmd64(force: false));
        Should.Throw<BuildException>(() => (facts with { Architecture = "aarch64" }).RequireAmd64(force: false)).Message.ShouldContain("--force-engine-arch");
    }

    [Fact(Timeout = 180000)]
    public async Task The_free_space_on_the_engines_data_root_is_read_with_df_on_its_host_once_the_engine_has_an_image()
    {
        using var client = DockerEngine.Connect(_daemon.Endpoint);
        var bare = await EngineFacts.ReadAsync(client, _daemon.Endpoint, CancellationToken.None);
        await using var image = await OhosTestImage.CreateAsync("engine-df", _ => { }, CancellationToken.None);
        await _daemon.LoadImageAsync(image.Tag);

        var facts = await EngineFacts.ReadAsync(client, _daemon.Endpoint, CancellationToken.None, image.Tag);
        // What this machine sees for the same directory (the test's dockerd shares /var/tmp with it).
        var df = (await ProcessRunner.OutputOfAsync("df", ["-Pk", facts.DataRoot])).Split('\n')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var local = long.Parse(df[3]) << 10;

        bare.DataRootFreeBytes.ShouldBeNull();
        bare.ToString().ShouldContain("free space unknown: the engine has no image yet to run df in");
        facts.DataRootFreeBytes.ShouldNotBeNull();
        Math.Abs(facts.DataRootFreeBytes.Value - local).ShouldBeLessThan(512L << 20, $"engine {facts.DataRootFreeBytes}, here {local}");
        facts.ToString().ShouldContain($"data root {facts.DataRoot} (");
        facts.ToString().ShouldContain(" free)");
        (await client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters { All = true })).ShouldBeEmpty();
    }

    [Fact(Timeout = 120000)]
    public async Task Without_the_client_certificate_the_engine_refuses_and_a_missing_file_is_named()
    {
        var plain = _daemon.Endpoint with { TlsDirectory = null };
        (await DockerEngine.ProbeAsync(plain, TimeSpan.FromSeconds(5))).Version.ShouldBeNull();

        var missing = _daemon.Endpoint with { TlsDirectory = Path.Combine(_daemon.Directory, "nowhere") };
        Should.Throw<BuildException>(() => DockerEngine.Connect(missing)).Message.ShouldContain("nowhere/cert.pem");
    }

    [Fact(Timeout = 120000)]
    public async Task A_certificate_from_another_authority_is_not_trusted()
    {
        var other = Path.Combine(_daemon.Directory, "other");
        Directory.CreateDirectory(other);
        foreach (var file in new[] { "cert.pem", "key.pem" }) File.Copy(Path.Combine(_daemon.ClientCertificates, file), Path.Combine(other, file));
        File.Copy(Path.Combine(_daemon.Directory, "server", "cert.pem"), Path.Combine(other, "ca.pem"));
        (await DockerEngine.ProbeAsync(_daemon.Endpoint with { TlsDirectory = other }, TimeSpan.FromSeconds(5))).Version.ShouldBeNull();
    }
}
