using System.Net.Sockets;
using System.Text;

namespace EdgeBuild.VirtualBoard;

/// <summary>
/// The VM's host side: an HTTP/1.0 listener on loopback answering every request with a random token (the smoke run's
/// VM reaches it as 10.0.2.100 through a qemu guestfwd), except the paths given routes for, which answer what their function returns now.
/// </summary>
public sealed class HostTokenServer : LoopbackListener
{
    private readonly IReadOnlyDictionary<string, Func<string>> _routes;

    /// <summary>What every request gets back.</summary>
    public string Token { get; } = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
    /// <summary>How many requests were answered.</summary>
    public int Requests { get; private set; }

    /// <summary>Starts listening; <paramref name="routes"/> maps a path ("/cloudcore") to what it answers.</summary>
    public HostTokenServer(IReadOnlyDictionary<string, Func<string>>? routes = null)
    {
        _routes = routes ?? new Dictionary<string, Func<string>>();
        Start();
    }

    /// <inheritdoc/>
    protected override async Task HandleAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n") && await stream.ReadAsync(buffer, ct) is var read and > 0)
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        var path = request.ToString().Split(' ') is [_, var p, ..] ? p : "/";
        var body = (_routes.TryGetValue(path, out var answer) ? answer() : Token) + "\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), ct);
        Requests++;
    }
}
