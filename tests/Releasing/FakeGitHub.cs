using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Releasing;

/// <summary>
/// A loopback HTTP server (System.Net.HttpListener on 127.0.0.1) answering the GitHub REST shapes Octokit uses for
/// releases: get by tag, list, create, edit, list/delete/upload assets, downloads; plus 404, 401 and rate limiting.
/// State is in memory; every request is recorded.
/// </summary>
public sealed class FakeGitHub : IDisposable
{
    /// <summary>A release as the fake stores it.</summary>
    public sealed class FakeRelease
    {
        public long Id; public string Owner = ""; public string Repo = ""; public string Tag = ""; public string? Name; public string? Body;
        public bool Draft; public bool Prerelease; public DateTime Created;
        public List<FakeAsset> Assets = [];
    }

    /// <summary>An uploaded asset.</summary>
    public sealed record FakeAsset(long Id, string Name, string ContentType, byte[] Data);

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private long _nextId = 100;

    /// <summary>Base URL (http://127.0.0.1:port/).</summary>
    public string Url { get; }
    /// <summary>The API root to give Octokit (GitHub Enterprise layout, which Octokit uses for non-github.com hosts).</summary>
    public string ApiUrl => Url + "api/v3/";
    /// <summary>Releases by id.</summary>
    public List<FakeRelease> Releases { get; } = [];
    /// <summary>"METHOD /path" of every request, in order.</summary>
    public List<string> Requests { get; } = [];
    /// <summary>Files served under /files/&lt;name&gt; (release archives BumpVersions downloads).</summary>
    public Dictionary<string, byte[]> Files { get; } = [];
    /// <summary>When set, requests without "token &lt;value&gt;" get 401 Bad credentials.</summary>
    public string? RequiredToken { get; set; }
    /// <summary>"METHOD /path" of every request that carried an Authorization header.</summary>
    public List<string> AuthorizedRequests { get; } = [];
    /// <summary>Base URL where asset bytes live (GitHub's storage host): browser_download_url and the asset API's redirect point there.</summary>
    public string? AssetStorage { get; set; }
    /// <summary>When true, every API request gets GitHub's rate-limit answer.</summary>
    public bool RateLimited { get; set; }
    /// <summary>The next this many API requests get 503 Service Unavailable (a GitHub hiccup).</summary>
    public int UnavailableRequests { get; set; }

    public FakeGitHub()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Adds a published release (with assets) to the fake's state.</summary>
    public FakeRelease AddRelease(string owner, string repo, string tag, bool prerelease = false, bool draft = false, DateTime? created = null, params FakeAsset[] assets)
    {
        var release = new FakeRelease { Id = _nextId++, Owner = owner, Repo = repo, Tag = tag, Name = tag, Prerelease = prerelease, Draft = draft, Created = created ?? DateTime.UtcNow, Assets = [.. assets] };
        lock (Releases) Releases.Add(release);
        return release;
    }

    /// <summary>An asset to pass to <see cref="AddRelease"/>.</summary>
    public FakeAsset Asset(string name, string content) => new(_nextId++, name, "application/octet-stream", Encoding.UTF8.GetBytes(content));

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            try { await HandleAsync(context); }
            catch (Exception e) { await RespondAsync(context.Response, 500, new { message = e.Message }); }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        lock (Requests) Requests.Add($"{request.HttpMethod} {path}");
        if (request.Headers["Authorization"] is not null) lock (AuthorizedRequests) AuthorizedRequests.Add($"{request.HttpMethod} {path}");
        var response = context.Response;
        if (path.StartsWith("/files/"))
        {
            if (Files.TryGetValue(path["/files/".Length..], out var file)) { response.StatusCode = 200; await response.OutputStream.WriteAsync(file); response.Close(); }
            else await RespondAsync(response, 404, new { message = "Not Found" });
            return;
        }
        if (UnavailableRequests > 0)
        {
            UnavailableRequests--;
            await RespondAsync(response, 503, new { message = "Service Unavailable" });
            return;
        }
        if (RateLimited)
        {
            response.Headers["X-RateLimit-Limit"] = "60";
            response.Headers["X-RateLimit-Remaining"] = "0";
            response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds().ToString();
            await RespondAsync(response, 403, new { message = "API rate limit exceeded for 127.0.0.1.", documentation_url = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting" });
            return;
        }
        if (RequiredToken is not null && !(request.Headers["Authorization"] ?? "").EndsWith(" " + RequiredToken, StringComparison.Ordinal))
        {
            await RespondAsync(response, 401, new { message = "Bad credentials", documentation_url = "https://docs.github.com/rest" });
            return;
        }
        var body = request.HasEntityBody ? await ReadAllAsync(request.InputStream) : [];
        Match m;
        if ((m = Regex.Match(path, @"^/api/v3/repos/([^/]+)/([^/]+)/releases/tags/(.+)$")).Success && request.HttpMethod == "GET")
        {
            var release = Find(r => r.Owner == m.Groups[1].Value && r.Repo == m.Groups[2].Value && r.Tag == Uri.UnescapeDataString(m.Groups[3].Value));
            await (release is null ? RespondAsync(response, 404, new { message = "Not Found" }) : RespondAsync(response, 200, Json(release)));
        }
        else if ((m = Regex.Match(path, @"^/api/v3/repos/([^/]+)/([^/]+)/releases$")).Success && request.HttpMethod == "GET")
        {
            List<FakeRelease> list;
            lock (Releases) list = [.. Releases.Where(r => r.Owner == m.Groups[1].Value && r.Repo == m.Groups[2].Value).OrderByDescending(r => r.Created)];
            await RespondAsync(response, 200, list.Select(Json).ToList());
        }
        else if ((m = Regex.Match(path, @"^/api/v3/repos/([^/]+)/([^/]+)/releases$")).Success && request.HttpMethod == "POST")
        {
            using var doc = JsonDocument.Parse(body);
            var release = AddRelease(m.Groups[1].Value, m.Groups[2].Value, doc.RootElement.GetProperty("tag_name").GetString()!,
                doc.RootElement.TryGetProperty("prerelease", out var pre) && pre.GetBoolean());
            release.Name = doc.RootElement.TryGetProperty("name", out var n) ? n.GetString() : null;
            release.Body = doc.RootElement.TryGetProperty("body", out var b) ? b.GetString() : null;
            await RespondAsync(response, 201, Json(release));
        }
        else if ((m = Regex.Match(path, @"^/api/v3/repos/([^/]+)/([^/]+)/releases/(\d+)$")).Success && request.HttpMethod == "PATCH")
        {
            var release = Find(r => r.Id == long.Parse(m.Groups[3].Value))!;
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("name", out var n)) release.Name = n.GetString();
            if (doc.RootElement.TryGetProperty("body", out var b)) release.Body = b.GetString();
            await RespondAsync(response, 200, Json(release));
        }
        else if ((m = Regex.Match(path, @"^/api/v3/repos/([^/]+)/([^/]+)/releases/(\d+)/assets$")).Success && request.HttpMethod == "GET")
        {
            var release = Find(r => r.Id == long.Parse(m.Groups[3].Value))!;
            await RespondAsync(response, 200, release.Assets.Select(a => AssetJson(release, a)).ToList());
        }
        else if ((m = Regex.Match(path, @"^/api/v3/repos/([^/]+)/([^/]+)/releases/assets/(\d+)$")).Success && request.HttpMethod == "GET"
                 && (request.Headers["Accept"] ?? "").Contains("application/octet-stream"))
        {
            // GitHub answers an asset download with a redirect to its storage host.
            FakeAsset? asset;
            lock (Releases) asset = Releases.SelectMany(r => r.Assets).FirstOrDefault(a => a.Id == long.Parse(m.Groups[3].Value));
            if (asset is null) { await RespondAsync(response, 404, new { message = "Not Found" }); return; }
            response.Redirect(DownloadUrl(asset));
            response.Close();
        }
        else if ((m = Regex.Match(path, @"^/api/v3/repos/([^/]+)/([^/]+)/releases/assets/(\d+)$")).Success && request.HttpMethod == "DELETE")
        {
            var id = long.Parse(m.Groups[3].Value);
            lock (Releases) foreach (var r in Releases) r.Assets.RemoveAll(a => a.Id == id);
            response.StatusCode = 204;
            response.Close();
        }
        else if ((m = Regex.Match(path, @"^/api/uploads/repos/([^/]+)/([^/]+)/releases/(\d+)/assets$")).Success && request.HttpMethod == "POST")
        {
            var release = Find(r => r.Id == long.Parse(m.Groups[3].Value))!;
            var name = request.QueryString["name"]!;
            if (release.Assets.Any(a => a.Name == name))
            {
                // GitHub refuses a second asset of the same name: replacing means deleting first.
                await RespondAsync(response, 422, new { message = "Validation Failed", errors = new[] { new { resource = "ReleaseAsset", code = "already_exists", field = "name" } } });
                return;
            }
            var asset = new FakeAsset(_nextId++, name, request.ContentType ?? "", body);
            release.Assets.Add(asset);
            await RespondAsync(response, 201, AssetJson(release, asset));
        }
        else if ((m = Regex.Match(path, @"^/downloads/(\d+)/(.+)$")).Success && request.HttpMethod == "GET")
        {
            FakeAsset? asset;
            lock (Releases) asset = Releases.SelectMany(r => r.Assets).FirstOrDefault(a => a.Id == long.Parse(m.Groups[1].Value));
            if (asset is null) { await RespondAsync(response, 404, new { message = "Not Found" }); return; }
            response.StatusCode = 200;
            await response.OutputStream.WriteAsync(asset.Data);
            response.Close();
        }
        else await RespondAsync(response, 404, new { message = "Not Found", documentation_url = "https://docs.github.com/rest" });
    }

    private string DownloadUrl(FakeAsset a) => AssetStorage is { } storage ? storage + a.Name : $"{Url}downloads/{a.Id}/{a.Name}";

    private FakeRelease? Find(Func<FakeRelease, bool> predicate) { lock (Releases) return Releases.FirstOrDefault(predicate); }

    private Dictionary<string, object?> Json(FakeRelease r) => new()
    {
        ["id"] = r.Id, ["tag_name"] = r.Tag, ["name"] = r.Name, ["body"] = r.Body, ["draft"] = r.Draft, ["prerelease"] = r.Prerelease,
        ["created_at"] = r.Created.ToString("yyyy-MM-ddTHH:mm:ssZ"), ["published_at"] = r.Draft ? null : r.Created.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["url"] = $"{ApiUrl}repos/{r.Owner}/{r.Repo}/releases/{r.Id}", ["html_url"] = $"{Url}{r.Owner}/{r.Repo}/releases/tag/{r.Tag}",
        ["assets_url"] = $"{ApiUrl}repos/{r.Owner}/{r.Repo}/releases/{r.Id}/assets",
        ["upload_url"] = $"{Url}api/uploads/repos/{r.Owner}/{r.Repo}/releases/{r.Id}/assets{{?name,label}}",
        ["tarball_url"] = $"{Url}files/{r.Repo}-{r.Tag}.tar.gz", ["zipball_url"] = $"{Url}files/{r.Repo}-{r.Tag}.zip",
        ["target_commitish"] = "main", ["node_id"] = $"R_{r.Id}",
        ["assets"] = r.Assets.Select(a => AssetJson(r, a)).ToList(),
    };

    private Dictionary<string, object?> AssetJson(FakeRelease r, FakeAsset a) => new()
    {
        ["id"] = a.Id, ["name"] = a.Name, ["label"] = null, ["state"] = "uploaded", ["content_type"] = a.ContentType, ["size"] = a.Data.Length,
        ["download_count"] = 0, ["created_at"] = r.Created.ToString("yyyy-MM-ddTHH:mm:ssZ"), ["updated_at"] = r.Created.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["url"] = $"{ApiUrl}repos/{r.Owner}/{r.Repo}/releases/assets/{a.Id}", ["browser_download_url"] = DownloadUrl(a), ["node_id"] = $"RA_{a.Id}",
    };

    private static async Task RespondAsync(HttpListenerResponse response, int status, object body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
