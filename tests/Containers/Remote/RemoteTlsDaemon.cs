using System.Diagnostics;
using EdgeBuild.Containers;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;

namespace EdgeBuild.Tests.Containers.Remote;

/// <summary>
/// A second dockerd standing in for a build server: own mount namespace with fresh tmpfs over /tmp, /root and the
/// checkout (no client path exists for it), own data-root/exec-root/pidfile under /var/tmp, no iptables rules,
/// listening on a loopback TCP port with TLS certificates made here (CA, server for 127.0.0.1, client). Its containers
/// attach to a bridge of its own: --bridge=none would make dockerd delete the host's docker0.
/// </summary>
public sealed class RemoteTlsDaemon : IAsyncDisposable
{
    private readonly Process _process;

    /// <summary>Its state, certificates and log (outside every path hidden from it).</summary>
    public string Directory { get; }
    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }
    /// <summary>DOCKER_HOST for it.</summary>
    public string Host => $"tcp://127.0.0.1:{Port}";
    /// <summary>ca.pem, cert.pem, key.pem for the client (DOCKER_CERT_PATH).</summary>
    public string ClientCertificates => Path.Combine(Directory, "client");
    /// <summary>The endpoint a client uses (TLS verified).</summary>
    public DockerEndpoint Endpoint => new() { Address = new Uri(Host), Source = "test", TlsDirectory = ClientCertificates };
    /// <summary>Environment for the docker CLI and for builds pointed at it.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["DOCKER_HOST"] = Host, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = ClientCertificates, ["DOCKER_CONTEXT"] = null,
    };

    private readonly string _bridge;

    private RemoteTlsDaemon(Process process, string directory, int port, string bridge) { _process = process; Directory = directory; Port = port; _bridge = bridge; }

    /// <summary>Makes certificates, starts dockerd in its namespace and waits until it answers over TLS.</summary>
    public static async Task<RemoteTlsDaemon> StartAsync(CancellationToken ct)
    {
        ProcessRunner.Which("dockerd").ShouldNotBeNull("dockerd is not installed: apt-get install docker.io.");
        ProcessRunner.Which("openssl").ShouldNotBeNull("openssl is not installed: apt-get install openssl.");
        var directory = System.IO.Directory.CreateDirectory(Path.Combine("/var/tmp", $"eb-remote-{Guid.NewGuid().ToString("N")[..8]}")).FullName;
        await MakeCertificatesAsync(directory, ct);
        var port = LoggedProcess.FreeLoopbackPort();
        var bridge = $"ebt{Path.GetFileName(directory)[10..]}";
        await ProcessRunner.RunAsync("ip", ["link", "add", bridge, "type", "bridge"], cancellationToken: ct);
        await ProcessRunner.RunAsync("ip", ["addr", "add", $"10.213.{port % 250}.1/24", "dev", bridge], cancellationToken: ct);
        await ProcessRunner.RunAsync("ip", ["link", "set", bridge, "up"], cancellationToken: ct);
        // Deepest first: a checkout under /tmp or /root is still there to cover before its parent is.
        string[] hidden = [.. new[] { "/tmp", "/root", RepositoryRoot.Path }.Distinct().OrderByDescending(p => p.Length)];
        var script = "set -e\n" + string.Concat(hidden.Select(h => $"mount -t tmpfs tmpfs '{h}'\n")) +
            $"exec dockerd --host tcp://127.0.0.1:{port} --tlsverify --tlscacert {directory}/server/ca.pem --tlscert {directory}/server/cert.pem " +
            $"--tlskey {directory}/server/key.pem --data-root {directory}/data --exec-root {directory}/exec --pidfile {directory}/docker.pid " +
            $"--bridge={bridge} --iptables=false --ip6tables=false\n";
        var process = LoggedProcess.Start(new ProcessStartInfo("unshare") { ArgumentList = { "--mount", "--propagation", "private", "sh", "-c", script } },
            Path.Combine(directory, "dockerd.log"));
        var daemon = new RemoteTlsDaemon(process, directory, port, bridge);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) break;
            if ((await DockerEngine.ProbeAsync(daemon.Endpoint, TimeSpan.FromSeconds(2))).Version is not null) return daemon;
            await Task.Delay(300, ct);
        }
        var log = File.ReadAllText(Path.Combine(directory, "dockerd.log"));
        await daemon.DisposeAsync();
        throw new ShouldAssertException($"The test's dockerd did not answer on {daemon.Host}: {log}");
    }

    /// <summary>Moves a local engine's image to this one the way a user would: docker save | docker -H remote load.</summary>
    public async Task LoadImageAsync(string tag) =>
        await ProcessRunner.RunAsync("sh", ["-c", $"docker save {tag} | docker -H {Host} --tlsverify --tlscacert {ClientCertificates}/ca.pem " +
            $"--tlscert {ClientCertificates}/cert.pem --tlskey {ClientCertificates}/key.pem load"]);

    private static async Task MakeCertificatesAsync(string directory, CancellationToken ct)
    {
        var (server, client) = (System.IO.Directory.CreateDirectory(Path.Combine(directory, "server")).FullName,
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "client")).FullName);
        async Task Openssl(params string[] args) => await ProcessRunner.RunAsync("openssl", args, new ProcessOptions { WorkingDirectory = directory }, ct);
        await Openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=edge-build test CA", "-keyout", "ca-key.pem", "-out", "ca.pem");
        foreach (var (name, dir, extension) in new[] { ("server", server, "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth"), ("client", client, "extendedKeyUsage=clientAuth") })
        {
            File.WriteAllText(Path.Combine(directory, $"{name}.ext"), extension + "\n");
            await Openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", $"/CN={name}", "-keyout", Path.Combine(dir, "key.pem"), "-out", $"{name}.csr");
            await Openssl("x509", "-req", "-in", $"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-days", "2",
                "-extfile", $"{name}.ext", "-out", Path.Combine(dir, "cert.pem"));
            File.Copy(Path.Combine(directory, "ca.pem"), Path.Combine(dir, "ca.pem"));
        }
    }

    /// <summary>Stops dockerd (SIGTERM, then kill) and removes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            var pidFile = Path.Combine(Directory, "docker.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)) Signals.Send(pid, Signals.Term);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        await ProcessRunner.RunAsync("ip", ["link", "del", _bridge], new ProcessOptions { AllowFailure = true });
        // Overlay mounts of its containers went with its namespace; what is left is plain files.
        await ProcessRunner.RunAsync("rm", ["-rf", Directory], new ProcessOptions { AllowFailure = true });
    }
}
