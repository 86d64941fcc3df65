using System.Security.Cryptography;
using System.Text;
using EdgeBuild.Containers;
using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Containers;

/// <summary>Engine selection read from a real ~/.docker layout and environment, as the docker CLI reads them.</summary>
[Trait("Tier", "Fast")]
public class DockerEndpointResolverTests
{
    private static DockerEndpointResolver With(TempDirectory home, params (string Name, string Value)[] variables) =>
        new(name => name == "HOME" ? home.Path : variables.FirstOrDefault(v => v.Name == name).Value);

    private static void Context(TempDirectory home, string name, string host, bool tls = false)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        home.Write($".docker/contexts/meta/{id}/meta.json",
            "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        if (tls) home.Write($".docker/contexts/tls/{id}/docker/ca.pem", "");
    }

    [Fact]
    public void Nothing_set_means_the_local_default_socket()
    {
        using var home = new TempDirectory();
        var endpoint = With(home).Resolve();
        endpoint.Address.ToString().ShouldBe("unix:///var/run/docker.sock");
        endpoint.IsRemote.ShouldBeFalse();
    }

    [Fact]
    public void The_current_context_of_config_json_names_the_engine_with_its_tls_directory()
    {
        using var home = new TempDirectory();
        home.Write(".docker/config.json", """{"auths":{},"currentContext":"builder"}""");
        Context(home, "builder", "tcp://build-server:2376", tls: true);

        var endpoint = With(home).Resolve();

        endpoint.Address.ToString().ShouldBe("tcp://build-server:2376/");
        endpoint.IsRemote.ShouldBeTrue();
        endpoint.Source.ShouldContain("context builder");
        endpoint.TlsDirectory.ShouldNotBeNull().ShouldEndWith("/docker");
    }

    [Fact]
    public void DOCKER_CONTEXT_beats_the_current_context_and_DOCKER_HOST_beats_both_and_docker_host_beats_all()
    {
        using var home = new TempDirectory();
        home.Write(".docker/config.json", """{"currentContext":"builder"}""");
        Context(home, "builder", "tcp://build-server:2376");
        Context(home, "laptop", "ssh://me@laptop:2222");

        With(home, ("DOCKER_CONTEXT", "laptop")).Resolve().Ssh.ShouldBe(new SshTarget("me@laptop", 2222, []), new SshTargetComparer());
        With(home, ("DOCKER_CONTEXT", "laptop"), ("DOCKER_HOST", "tcp://other:2375")).Resolve().Address.Host.ShouldBe("other");
        With(home, ("DOCKER_HOST", "tcp://other:2375")).Resolve("unix:///run/user.sock").Source.ShouldBe("--docker-host");
    }

    [Fact]
    public void DOCKER_TLS_VERIFY_takes_the_certificates_from_DOCKER_CERT_PATH()
    {
        using var home = new TempDirectory();
        var endpoint = With(home, ("DOCKER_HOST", "tcp://build-server:2376"), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", "/certs")).Resolve();
        endpoint.TlsDirectory.ShouldBe("/certs");
        With(home, ("DOCKER_HOST", "tcp://build-server:2376")).Resolve().TlsDirectory.ShouldBeNull();
    }

    [Fact]
    public void An_unknown_context_or_a_bad_host_fails_with_what_to_do()
    {
        using var home = new TempDirectory();
        Should.Throw<BuildException>(() => With(home, ("DOCKER_CONTEXT", "nowhere")).Resolve()).Message.ShouldContain("docker context create nowhere");
        Should.Throw<BuildException>(() => With(home, ("DOCKER_HOST", "build-server:2376")).Resolve()).Message.ShouldContain("tcp://host:port");
    }

    [Fact]
    public void An_ssh_address_becomes_the_dial_stdio_command_the_docker_cli_runs()
    {
        using var home = new TempDirectory();
        var ssh = With(home, ("DOCKER_HOST", "ssh://builder@10.0.0.5:2200")).Resolve().Ssh.ShouldNotBeNull();
        ssh.DialStdioArguments.ShouldBe(["-o", "ConnectTimeout=30", "-T", "-p", "2200", "--", "builder@10.0.0.5", "docker", "system", "dial-stdio"]);
    }

    private sealed class SshTargetComparer : IEqualityComparer<SshTarget>
    {
        public bool Equals(SshTarget? x, SshTarget? y) => x?.Destination == y?.Destination && x?.Port == y?.Port;
        public int GetHashCode(SshTarget obj) => obj.Destination.GetHashCode();
    }
}
