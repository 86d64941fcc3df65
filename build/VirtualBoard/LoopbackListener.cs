using System.Net;
using System.Net.Sockets;

namespace EdgeBuild.VirtualBoard;

/// <summary>
/// A TCP listener on loopback for the VM's host side (the smoke run's VM reaches it as 10.0.2.100 through a qemu guestfwd): accepts until disposed
/// and hands each connection to <see cref="HandleAsync"/> on its own task.
/// </summary>
public abstract class LoopbackListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;

    /// <summary>The loopback port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts accepting; called by the subclass once its own state is set.</summary>
    protected void Start()
    {
        _listener.Start();
        _serving = ServeAsync(_stop.Token);
    }

    /// <summary>Serves one connection; the connection is closed when it returns.</summary>
    protected abstract Task HandleAsync(NetworkStream stream, CancellationToken ct);

    private async Task ServeAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(ct); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                    try { await HandleAsync(client.GetStream(), ct); }
                    catch (Exception e) when (e is OperationCanceledException or IOException) { }
            }, ct);
        }
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
