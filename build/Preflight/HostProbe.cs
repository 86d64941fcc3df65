using System.Net.Sockets;

namespace EdgeBuild.Preflight;

/// <summary>Whether hosts accept a TCP connection, all at once, each within a short timeout.</summary>
public static class HostProbe
{
    /// <summary>For each host, null when it answered, else why not.</summary>
    public static async Task<IReadOnlyList<(UpstreamHost Host, string? Failure)>> ProbeAsync(IEnumerable<UpstreamHost> hosts, TimeSpan timeout, CancellationToken ct) =>
        await Task.WhenAll(hosts.Select(async host => (host, await ConnectAsync(host, timeout, ct))));

    private static async Task<string?> ConnectAsync(UpstreamHost host, TimeSpan timeout, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(host.Host, host.Port, limit.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return $"no answer within {timeout.TotalSeconds:0} s"; }
        catch (SocketException e) { return e.SocketErrorCode.ToString(); }
    }
}
