using System.Net;
using System.Net.Sockets;

namespace EdgeBuild.Tests.Support;

/// <summary>A loopback port nothing listens on (bound, then released): connecting is refused at once.</summary>
public static class ClosedPort
{
    /// <summary>http://127.0.0.1:&lt;closed port&gt;/.</summary>
    public static string Url()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }
}
