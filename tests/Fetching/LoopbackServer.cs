using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EdgeBuild.Tests.Fetching;

/// <summary>How the loopback server answers one path.</summary>
public sealed record Route(byte[] Body)
{
    /// <summary>Status to answer instead of the body (404, 503...).</summary>
    public int? Status { get; init; }
    /// <summary>Status to answer on the first request only (a transient 503), the body afterwards.</summary>
    public int? StatusOnFirstRequest { get; init; }
    /// <summary>Drop the connection after this many bytes on the first request only.</summary>
    public int? DropAfterOnFirstRequest { get; init; }
    /// <summary>Honour Range requests with 206.</summary>
    public bool SupportsRange { get; init; } = true;
}

/// <summary>A real HTTP server on 127.0.0.1 (System.Net.HttpListener) that records every request it gets.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Route> _routes = new();

    /// <summary>Requests seen: path and Range header.</summary>
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();
    /// <summary>http://127.0.0.1:PORT</summary>
    public string BaseUrl { get; }

    public LoopbackServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>Serves <paramref name="route"/> at <paramref name="path"/>; returns its URL.</summary>
    public string Add(string path, Route route)
    {
        _routes[path] = route;
        return BaseUrl + path;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var range = context.Request.Headers["Range"];
        var first = !Requests.Any(r => r.Path == path);
        Requests.Enqueue((path, range));
        var response = context.Response;
        try
        {
            if (!_routes.TryGetValue(path, out var route)) { response.StatusCode = 404; response.Close(); return; }
            if (route.Status is { } status) { response.StatusCode = status; response.Close(); return; }
            if (first && route.StatusOnFirstRequest is { } firstStatus) { response.StatusCode = firstStatus; response.Close(); return; }
            var body = route.Body;
            var start = 0;
            if (route.SupportsRange && range is { } r && r.StartsWith("bytes=") && int.TryParse(r[6..].TrimEnd('-'), out var from) && from < body.Length)
            {
                start = from;
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {from}-{body.Length - 1}/{body.Length}");
            }
            response.ContentLength64 = body.Length - start;
            if (first && route.DropAfterOnFirstRequest is { } drop)
            {
                await response.OutputStream.WriteAsync(body.AsMemory(start, drop));
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            }
            await response.OutputStream.WriteAsync(body.AsMemory(start));
            response.Close();
        }
        catch (HttpListenerException) { }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
