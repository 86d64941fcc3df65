using EdgeBuild.Containers;
using EdgeBuild.Engine;
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
