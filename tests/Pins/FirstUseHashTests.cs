using System.Collections;
using System.Security.Cryptography;
using EdgeBuild.Pins;
using EdgeBuild.Tests.Fetching;
using EdgeBuild.Tests.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Pins;

/// <summary>The real DockerStatic target fetching a pin with no recorded sha256 from a loopback server.</summary>
[Collection("packaging targets")]
public sealed class FirstUseHashTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LoopbackServer _server = new();
    private string LockFile => _dir["lock/pins.lock.json"];

    public void Dispose() { _server.Dispose(); _dir.Dispose(); }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    // A docker-static pin as the repository ships it today: all-zero placeholder, one URL (here the loopback server).
    private async Task<(string Tarball, string Pins)> UnrecordedDockerPinAsync()
    {
        var tarball = await Fixtures.DockerTarballAsync(_dir.Path, "18.09.2",
            ["containerd", "containerd-shim", "ctr", "docker", "docker-init", "docker-proxy", "dockerd", "runc"]);
        var url = _server.Add("/linux/static/stable/aarch64/docker-18.09.2.tgz", new Route(File.ReadAllBytes(tarball)));
        var pins = _dir.Write("pins.json", $$"""
            { "docker-static": { "version": "18.09.2", "files": [ { "fileName": "docker-18.09.2.tgz", "arch": "arm64",
              "sha256": "{{new string('0', 64)}}", "hashSource": "not yet known", "urls": ["{{url}}"], "mirrors": [] } ] } }
            """);
        return (tarball, pins);
    }

    private BuildRun DockerStatic(string pins, string run, IDictionary? environment = null, params string[] extra) =>
        BuildRunner.Run(["DockerStatic", "--pins", pins, "--pins-lock", LockFile, "--artifacts", _dir[$"artifacts-{run}"],
            "--downloads-dir", _dir[$"downloads-{run}"], .. extra], environment: environment);

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task A_pin_without_a_hash_is_recorded_on_first_use_then_verified_and_other_bytes_fail_closed()
    {
        // Arrange
        var (tarball, pins) = await UnrecordedDockerPinAsync();
        var expected = Sha256(tarball);

        // Act: first use records, a second run with an empty cache verifies against the record
        var first = DockerStatic(pins, "1", extra: ["--locked", "false"]);
        var lockAfterFirst = File.ReadAllBytes(LockFile);
        var second = DockerStatic(pins, "2", extra: ["--locked", "false"]);

        // Assert
        first.ExitCode.ShouldBe(0, first.Output);
        first.Output.ShouldContain("FIRST USE: docker-static docker-18.09.2.tgz");
        first.Output.ShouldContain(expected);
        first.Output.ShouldContain(_server.BaseUrl + "/linux/static/stable/aarch64/docker-18.09.2.tgz");
        first.Output.ShouldContain("COMMIT");
        var entry = PinLock.Load(LockFile).Find("docker-static", "docker-18.09.2.tgz").ShouldNotBeNull();
        entry.Sha256.ShouldBe(expected);
        entry.Url.ShouldEndWith("/docker-18.09.2.tgz");
        second.ExitCode.ShouldBe(0, second.Output);
        second.Output.ShouldNotContain("FIRST USE");
        File.ReadAllBytes(LockFile).ShouldBe(lockAfterFirst);
        File.Exists(Path.Combine(_dir["downloads-2"], expected, "docker-18.09.2.tgz")).ShouldBeTrue();

        // Act: upstream now serves other bytes
        var other = File.ReadAllBytes(tarball).Concat(new byte[] { 1, 2, 3 }).ToArray();
        _server.Add("/linux/static/stable/aarch64/docker-18.09.2.tgz", new Route(other));
        var third = DockerStatic(pins, "3", extra: ["--locked", "false"]);

        // Assert: fails closed naming both hashes, nothing of the bad download kept
        third.ExitCode.ShouldNotBe(0);
        third.Output.ShouldContain($"expected {expected}");
        third.Output.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(other)));
        Directory.EnumerateFiles(_dir["downloads-3"], "docker-18.09.2.tgz*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock")).ShouldBeEmpty();
        File.ReadAllBytes(LockFile).ShouldBe(lockAfterFirst);
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task Locked_and_CI_refuse_a_pin_whose_hash_is_not_recorded_without_downloading_it()
    {
        // Arrange
        var (_, pins) = await UnrecordedDockerPinAsync();

        // Act
        var locked = DockerStatic(pins, "locked", extra: ["--locked"]);
        var ci = DockerStatic(pins, "ci", new Hashtable { ["CI"] = "true" });

        // Assert
        foreach (var run in new[] { locked, ci })
        {
            run.ExitCode.ShouldNotBe(0);
            run.Output.ShouldContain("docker-static docker-18.09.2.tgz: no sha256 recorded");
            run.Output.ShouldContain("--locked (or CI=true) builds only recorded bytes");
        }
        _server.Requests.ShouldBeEmpty();
        File.Exists(LockFile).ShouldBeFalse();
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void The_lock_file_is_sorted_so_the_same_entries_give_the_same_bytes()
    {
        var a = new PinLockEntry("kubeedge", "kubeedge-1.9.1.tar.gz", "https://example.org/k", new string('a', 64), "2026-11-29");
        var b = new PinLockEntry("docker-static", "docker-18.09.2.tgz", "https://example.org/d", new string('b', 64), "2026-11-29");

        var text = PinLock.Render([a, b]);

        text.ShouldBe(PinLock.Render([b, a]));
        text.IndexOf("docker-static", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("kubeedge", StringComparison.Ordinal));
        text.ShouldEndWith("}\n");
    }
}
