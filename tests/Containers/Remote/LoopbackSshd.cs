using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeBuild.Tooling;
using Shouldly;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Containers.Remote;

/// <summary>
/// An sshd of the test's own on a loopback high port (own config, host key and authorized key made here), so ssh://
/// engines are reached as the docker CLI reaches them: ssh root@127.0.0.1 docker system dial-stdio.
/// </summary>
public sealed class LoopbackSshd : IAsyncDisposable
{
    private readonly Process _process;

    /// <summary>Keys, config and log.</summary>
    public string Directory { get; }
    /// <summary>The loopback port.</summary>
    public int Port { get; }
    /// <summary>DOCKER_HOST for the engine behind it (the tests' own engine: sessions get the tests' unix DOCKER_HOST).</summary>
    public string Host => $"ssh://root@127.0.0.1:{Port}";
    /// <summary>The client's ssh options: the test's key, no known_hosts, no prompts.</summary>
    public IReadOnlyList<string> ClientOptions => ["-F", "/dev/null", "-i", Path.Combine(Directory, "id_ed25519"), "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"];

    private LoopbackSshd(Process process, string directory, int port) { _process = process; Directory = directory; Port = port; }

    /// <summary>Makes the keys, starts sshd -D and waits until it accepts connections.</summary>
    public static async Task<LoopbackSshd> StartAsync(CancellationToken ct)
    {
        var sshd = ProcessRunner.Which("sshd") ?? (File.Exists("/usr/sbin/sshd") ? "/usr/sbin/sshd" : null);
        sshd.ShouldNotBeNull("sshd is not installed: apt-get install openssh-server.");
        var directory = System.IO.Directory.CreateDirectory(Path.Combine("/var/tmp", $"eb-sshd-{Guid.NewGuid().ToString("N")[..8]}")).FullName;
        foreach (var key in new[] { "host_ed25519", "id_ed25519" })
            await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "edge-build-test", "-f", Path.Combine(directory, key)], cancellationToken: ct);
        File.Copy(Path.Combine(directory, "id_ed25519.pub"), Path.Combine(directory, "authorized_keys"));
        System.IO.Directory.CreateDirectory("/run/sshd");
        var port = LoggedProcess.FreeLoopbackPort();
        // The engine behind it is the tests' engine: a private dockerd the Test target started is not on the default socket.
        var engine = Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal) ? $"SetEnv DOCKER_HOST={host}" : "";
        File.WriteAllText(Path.Combine(directory, "sshd_config"), $"""
            ListenAddress 127.0.0.1:{port}
            HostKey {directory}/host_ed25519
            AuthorizedKeysFile {directory}/authorized_keys
            PidFile {directory}/sshd.pid
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            {engine}

            """);
        var process = LoggedProcess.Start(new ProcessStartInfo(sshd) { ArgumentList = { "-D", "-e", "-f", Path.Combine(directory, "sshd_config") } },
            Path.Combine(directory, "sshd.log"));
        var server = new LoopbackSshd(process, directory, port);
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            try { using var client = new TcpClient(); await client.ConnectAsync(IPAddress.Loopback, port, ct); return server; }
            catch (SocketException) { await Task.Delay(100, ct); }
        }
        await server.DisposeAsync();
        throw new ShouldAssertException($"sshd did not listen on 127.0.0.1:{port}: {File.ReadAllText(Path.Combine(directory, "sshd.log"))}");
    }

    /// <summary>Stops sshd and removes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(); await _process.WaitForExitAsync(); }
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
