using System.Net;
using System.Net.Sockets;
using EdgeBuild.Tests.Fetching;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Preflight;

/// <summary>--plan's preflight through the real engine, with loopback hosts standing in for upstream.</summary>
[Trait("Tier", "Integration")]
public sealed class PlanPreflightTests
{
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Pins(TempDirectory dir, string url, string mirror) => dir.Write("pins.json", $$"""
        { "docker-static": { "version": "18.09.2", "files": [ { "fileName": "docker-18.09.2.tgz", "arch": "arm64",
          "sha256": "{{new string('0', 64)}}", "hashSource": "not yet known", "urls": ["{{url}}"], "mirrors": ["{{mirror}}"] } ] } }
        """);

    [Fact(Timeout = 60000)]
    public async Task The_plan_names_a_host_that_answers_and_one_that_does_not_with_the_option_that_replaces_it()
    {
        // Arrange
        await Task.Yield();
        using var dir = new TempDirectory();
        using var server = new LoopbackServer();
        var closed = ClosedPort();
        var pins = Pins(dir, server.BaseUrl + "/docker-18.09.2.tgz", $"http://127.0.0.1:{closed}/docker-18.09.2.tgz");

        // Act
        var run = BuildRunner.Run(["DockerStatic", "--plan", "--pins", pins, "--pins-lock", dir["pins.lock.json"], "--artifacts", dir["artifacts"],
            "--downloads-dir", dir["downloads"], "--locked", "false"]);
        var offline = BuildRunner.Run(["DockerStatic", "--plan", "--pins", pins, "--pins-lock", dir["pins.lock.json"], "--artifacts", dir["artifacts"],
            "--downloads-dir", dir["downloads"], "--offline"]);

        // Assert
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain($"docker-static docker-18.09.2.tgz: to download from {server.BaseUrl}/docker-18.09.2.tgz; no recorded sha256: first use records it");
        run.Output.ShouldContain($"{server.BaseUrl["http://".Length..]} answers");
        run.Output.ShouldContain($"127.0.0.1:{closed} does NOT answer (ConnectionRefused); instead: --sources-dir DIR");
        run.Output.ShouldContain($"download cache ({dir["downloads"]}):");
        server.Requests.ShouldBeEmpty();
        offline.Output.ShouldContain("not probed (--offline)");
        offline.Output.ShouldNotContain("answers");
    }

    [Fact(Timeout = 120000)]
    public async Task Doctor_given_the_main_target_prints_its_preflight_too()
    {
        // Arrange
        await Task.Yield();
        using var dir = new TempDirectory();
        var pins = Pins(dir, "http://127.0.0.1:9/docker-18.09.2.tgz", "http://127.0.0.1:9/mirror/docker-18.09.2.tgz");

        // Act
        var run = BuildRunner.Run(["Doctor", "--preflight-for", "DockerStatic", "--offline", "--pins", pins, "--pins-lock", dir["pins.lock.json"],
            "--artifacts", dir["artifacts"], "--downloads-dir", dir["downloads"]]);

        // Assert (Doctor's own verdict depends on this machine's packages; the preflight is printed either way)
        run.Output.ShouldContain("Preflight (nothing has run yet):");
        run.Output.ShouldContain("docker-static docker-18.09.2.tgz: to download from http://127.0.0.1:9/docker-18.09.2.tgz");
        run.Output.ShouldContain("Pin hashes");
    }
}
