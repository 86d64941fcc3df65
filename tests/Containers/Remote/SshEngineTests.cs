using EdgeBuild.Containers;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Containers.Remote;

/// <summary>An ssh:// engine through a loopback sshd and `docker system dial-stdio` on its side (the machine's engine behind it).</summary>
[Trait("Tier", "Integration")]
public sealed class SshEngineTests : IAsyncLifetime
{
    private LoopbackSshd _sshd = null!;

    public async Task InitializeAsync() => _sshd = await LoopbackSshd.StartAsync(CancellationToken.None);
    public async Task DisposeAsync() => await _sshd.DisposeAsync();

    [Fact(Timeout = 120000)]
    public async Task An_ssh_engine_answers_through_dial_stdio_and_runs_a_container_with_streamed_output()
    {
        var endpoint = new DockerEndpointResolver(n => n == "DOCKER_HOST" ? _sshd.Host : null).Resolve() with { SshOptions = _sshd.ClientOptions };
        var image = await BusyboxImage.EnsureAsync();

        using var client = DockerEngine.Connect(endpoint);
        var facts = await EngineFacts.ReadAsync(client, endpoint, CancellationToken.None);
        var lines = new List<string>();
        var code = await new ContainerRunner(client).RunAsync(new ContainerSpec
        {
            Image = image, Command = ["sh", "-c", "echo over-ssh; echo second line"], OnLine = l => { lock (lines) lines.Add(l); },
        }, CancellationToken.None);

        facts.Endpoint.IsRemote.ShouldBeTrue();
        facts.ToString().ShouldStartWith($"remote {_sshd.Host}");
        code.ShouldBe(0);
        lines.ShouldBe(["over-ssh", "second line"]);
    }
}
