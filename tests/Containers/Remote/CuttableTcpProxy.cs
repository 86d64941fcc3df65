using System.Net;
using System.Net.Sockets;

namespace EdgeBuild.Tests.Containers.Remote;

/// <summary>
/// A loopback TCP forwarder between the client and an engine, standing in for the network: <see cref="Cut"/> stops
/// listening and resets every forwarded connection (a dropped link), <see cref="Resume"/> listens again on the same port.
/// </summary>
public sealed class CuttableTcpProxy : IDisposable
{
    private readonly int _target;
    private readonly List<Socket> _open = [];
    private TcpListener? _listener;

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }
    /// <summary>Connections forwarded so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Forwards 127.0.0.1:<see cref="Port"/> to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public CuttableTcpProxy(int targetPort)
    {
        _target = targetPort;
        Port = LoggedProcess.FreeLoopbackPort();
        Resume();
    }

    /// <summary>Listens (again) and forwards every connection.</summary>
    public void Resume()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        lock (_open) _listener = listener;
        _ = AcceptAsync(listener);
    }

    /// <summary>Stops listening and resets every open connection, both ways.</summary>
    public void Cut()
    {
        lock (_open)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var socket in _open)
            {
                try { socket.LingerState = new LingerOption(true, 0); } catch (SocketException) { } catch (ObjectDisposedException) { }
                socket.Dispose();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try { client = await listener.AcceptSocketAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            var engine = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try { await engine.ConnectAsync(IPAddress.Loopback, _target); }
            catch (SocketException) { client.Dispose(); engine.Dispose(); continue; }
            lock (_open) { _open.Add(client); _open.Add(engine); Accepted++; }
            _ = PumpAsync(client, engine);
            _ = PumpAsync(engine, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        // A cut disposes both sockets under the pump; connections that ended by themselves are disposed by the next cut.
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    /// <summary>Cuts everything.</summary>
    public void Dispose() => Cut();
}
