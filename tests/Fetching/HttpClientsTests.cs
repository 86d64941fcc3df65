using System.Net;
using System.Text;
using EdgeBuild.Fetching;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Fetching;

/// <summary>Every client from HttpClients retries what is safe to retry, against a real loopback server.</summary>
[Trait("Tier", "Fast")]
public class HttpClientsTests
{
    [Fact(Timeout = 60000)]
    public async Task A_get_answered_503_once_is_asked_again_and_succeeds()
    {
        using var server = new LoopbackServer();
        var url = server.Add("/listing", new Route(Encoding.UTF8.GetBytes("tool-1.2.0.tar.bz2")) { StatusOnFirstRequest = 503 });
        using var http = HttpClients.Create();

        var text = await http.GetStringAsync(url);

        text.ShouldBe("tool-1.2.0.tar.bz2");
        server.Requests.Count(r => r.Path == "/listing").ShouldBe(2);
    }

    [Fact(Timeout = 60000)]
    public async Task A_post_is_sent_once_even_when_the_answer_is_503()
    {
        using var server = new LoopbackServer();
        var url = server.Add("/upload", new Route([]) { StatusOnFirstRequest = 503 });
        using var http = HttpClients.Create();

        using var response = await http.PostAsync(url, new StringContent("asset"));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        server.Requests.Count(r => r.Path == "/upload").ShouldBe(1);
    }

    [Fact(Timeout = 60000)]
    public async Task A_404_is_not_retried()
    {
        using var server = new LoopbackServer();
        using var http = HttpClients.Create();

        using var response = await http.GetAsync(server.BaseUrl + "/missing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        server.Requests.Count(r => r.Path == "/missing").ShouldBe(1);
    }
}
