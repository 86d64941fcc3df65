using System.Security.Cryptography;
using EdgeBuild.Engine;
using EdgeBuild.Fetching;
using EdgeBuild.Pins;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Fetching;

[Trait("Tier", "Fast")]
public sealed class SourceFetcherTests : IDisposable
{
    private readonly LoopbackServer _server = new();
    private readonly AbsolutePath _temp = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), $"fetcher-{Guid.NewGuid():N}"));
    private AbsolutePath Downloads => _temp / "downloads";

    private static byte[] Payload(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static (Pin Pin, PinFile File) PinFor(string name, byte[] body, string[] urls, string[]? mirrors = null)
    {
        var file = new PinFile
        {
            FileName = $"{name}-1.0.tar.gz", Sha256 = Convert.ToHexStringLower(SHA256.HashData(body)),
            Urls = urls, Mirrors = mirrors ?? [], HashSource = "test",
        };
        return (new Pin { Name = name, Version = "1.0", License = "MIT", Files = [file], Origin = "test pins" }, file);
    }

    private SourceFetcher Fetcher(bool offline = false, AbsolutePath? sources = null) =>
        new(Downloads, sources, offline) { RetryAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(50) };

    [Fact(Timeout = 60000)]
    public async Task A_download_is_verified_and_lands_in_the_cache_under_its_sha256()
    {
        var body = Payload(300_000);
        var (pin, file) = PinFor("alpha", body, [_server.Add("/alpha.tar.gz", new Route(body))]);

        var path = await Fetcher().FetchAsync(pin, file, CancellationToken.None);

        path.ShouldBe(Downloads / file.Sha256 / file.FileName);
        (await File.ReadAllBytesAsync(path)).ShouldBe(body);
        File.Exists(path + ".part").ShouldBeFalse();
    }

    [Fact(Timeout = 60000)]
    public async Task A_dropped_connection_is_resumed_with_a_range_request()
    {
        var body = Payload(500_000, seed: 2);
        var (pin, file) = PinFor("beta", body, [_server.Add("/beta.tar.gz", new Route(body) { DropAfterOnFirstRequest = 200_000 })]);

        var path = await Fetcher().FetchAsync(pin, file, CancellationToken.None);

        (await File.ReadAllBytesAsync(path)).ShouldBe(body);
        var requests = _server.Requests.Where(r => r.Path == "/beta.tar.gz").ToList();
        requests.Count.ShouldBe(2);
        requests[0].Range.ShouldBeNull();
        requests[1].Range.ShouldNotBeNull();
        long.Parse(requests[1].Range!["bytes=".Length..].TrimEnd('-')).ShouldBeGreaterThan(0);
    }

    [Fact(Timeout = 60000)]
    public async Task A_404_at_the_primary_url_falls_back_to_the_mirror()
    {
        var body = Payload(10_000, seed: 3);
        var (pin, file) = PinFor("gamma", body, [_server.BaseUrl + "/missing/gamma.tar.gz"], [_server.Add("/mirror/gamma.tar.gz", new Route(body))]);

        var path = await Fetcher().FetchAsync(pin, file, CancellationToken.None);

        (await File.ReadAllBytesAsync(path)).ShouldBe(body);
        _server.Requests.Select(r => r.Path).ShouldBe(["/missing/gamma.tar.gz", "/mirror/gamma.tar.gz"]);
    }

    [Fact(Timeout = 60000)]
    public async Task A_sha256_mismatch_deletes_the_download_and_names_url_expected_and_actual()
    {
        var pinned = Payload(10_000, seed: 4);
        var served = Payload(10_000, seed: 5);
        var url = _server.Add("/delta.tar.gz", new Route(served));
        var (pin, file) = PinFor("delta", pinned, [url]);

        var error = await Should.ThrowAsync<BuildException>(() => Fetcher().FetchAsync(pin, file, CancellationToken.None));

        error.Message.ShouldContain(url);
        error.Message.ShouldContain(file.Sha256);
        error.Message.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(served)));
        Directory.EnumerateFiles(Downloads, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock")).ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    public async Task Offline_fails_listing_every_missing_file_with_its_sha256_and_where_to_put_it()
    {
        var sources = (_temp / "sources").CreateDirectory();
        var present = PinFor("present", Payload(100, 6), [_server.BaseUrl + "/present"]);
        await File.WriteAllBytesAsync(sources / present.File.FileName, Payload(100, 6));
        var one = PinFor("one", Payload(100, 7), [_server.BaseUrl + "/one"]);
        var two = PinFor("two", Payload(100, 8), [_server.BaseUrl + "/two"]);

        var error = await Should.ThrowAsync<BuildException>(() => Fetcher(offline: true, sources).FetchAllAsync([present, one, two], CancellationToken.None));

        foreach (var (_, file) in new[] { one, two })
        {
            error.Message.ShouldContain(file.FileName);
            error.Message.ShouldContain(file.Sha256);
            error.Message.ShouldContain(sources / file.FileName);
        }
        error.Message.ShouldNotContain(present.File.FileName);
        _server.Requests.ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    public async Task The_sources_dir_is_used_before_the_network()
    {
        var body = Payload(1000, 9);
        var sources = (_temp / "sources").CreateDirectory();
        var (pin, file) = PinFor("epsilon", body, [_server.Add("/epsilon.tar.gz", new Route(body))]);
        await File.WriteAllBytesAsync(sources / file.FileName, body);

        var path = await Fetcher(offline: true, sources).FetchAsync(pin, file, CancellationToken.None);

        path.ShouldBe(sources / file.FileName);
        _server.Requests.ShouldBeEmpty();
    }

    [Fact(Timeout = 60000)]
    public async Task The_same_file_asked_for_concurrently_is_downloaded_once()
    {
        var body = Payload(400_000, 10);
        var (pin, file) = PinFor("zeta", body, [_server.Add("/zeta.tar.gz", new Route(body))]);
        var fetcher = Fetcher();

        var paths = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fetcher.FetchAsync(pin, file, CancellationToken.None)));

        paths.Distinct().Count().ShouldBe(1);
        _server.Requests.Count(r => r.Path == "/zeta.tar.gz").ShouldBe(1);
    }

    public void Dispose()
    {
        _server.Dispose();
        if (_temp.DirectoryExists()) Directory.Delete(_temp, recursive: true);
    }
}
