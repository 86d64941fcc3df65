using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using EdgeBuild.Reporting;

namespace EdgeBuild.VirtualBoard;

/// <summary>
/// Stands in for cloudcore on the VM's host side: a loopback listener that reads what each connection sends first
/// (edgecore's TLS ClientHello for https://…:10002/ca.crt, or an HTTP/WebSocket request line), records it and hangs
/// up, so edgecore fails its handshake and retries. Enough to see edgecore connect with the sidecar's edgecore.yaml
/// without Kubernetes.
/// </summary>
public sealed class CloudcoreStub : LoopbackListener
{
    private readonly ConcurrentQueue<string> _attempts = new();

    /// <summary>What each connection opened with, in order ("TLS ClientHello", "HTTP GET /ca.crt HTTP/1.1", ...).</summary>
    public IReadOnlyList<string> Attempts => [.. _attempts];

    /// <summary>Starts listening.</summary>
    public CloudcoreStub() => Start();

    /// <summary>"N connection(s): kind xcount, ..." of the attempts so far, for the smoke script.</summary>
    public string Describe() => Describe(Attempts);

    /// <summary>"N connection(s): kind xcount, ..." for the smoke script and the summary.</summary>
    public static string Describe(IReadOnlyList<string> attempts)
    {
        return $"{attempts.Count} connection(s): " + string.Join(", ", attempts.GroupBy(a => a).Select(g => $"{g.Key} x{g.Count()}"));
    }

    /// <summary>What the first bytes of a connection are: a TLS handshake, an HTTP request line, or something else.</summary>
    public static string Classify(ReadOnlySpan<byte> first)
    {
        // TLS record: content type 22 (handshake), version 3.x, then handshake type 1 (ClientHello) after the 5-byte header.
        if (first.Length >= 6 && first[0] == 0x16 && first[1] == 0x03 && first[5] == 0x01) return "TLS ClientHello";
        var text = Encoding.ASCII.GetString(first);
        var line = text.Split("\r\n")[0];
        return line.Length > 0 && line.Contains(" HTTP/", StringComparison.Ordinal) ? $"HTTP {line}" : $"other ({first.Length} bytes)";
    }

    /// <inheritdoc/>
    protected override async Task HandleAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[2048];
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        int read;
        try { read = await stream.ReadAsync(buffer, wait.Token); }
        catch (Exception e) when (e is OperationCanceledException or IOException) { read = 0; }
        var attempt = read == 0 ? "connected, sent nothing" : Classify(buffer.AsSpan(0, read));
        _attempts.Enqueue(attempt);
        BuildReport.Current.Debug($"cloudcore stub: {attempt}");
    }
}
