using System.Net.Security;
using System.Net.Sockets;
using EdgeBuild.VirtualBoard;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.VirtualBoard;

/// <summary>The virtual board's cloudcore stand-in records what real clients open with, and the host side reports it on /cloudcore.</summary>
[Trait("Tier", "Fast")]
public class CloudcoreStubTests
{
    [Fact(Timeout = 60000)]
    public async Task A_TLS_client_and_an_HTTP_client_are_recorded_and_reported_through_the_host_side()
    {
        // Arrange
        await using var stub = new CloudcoreStub();
        await using var host = new HostTokenServer(new Dictionary<string, Func<string>> { ["/cloudcore"] = stub.Describe });
        using var http = new HttpClient();

        // Act: a TLS handshake as edgecore's https://cloudcore:10002/ca.crt starts one (the stub hangs up), then plain HTTP.
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", stub.Port);
            await using var tls = new SslStream(tcp.GetStream());
            await Should.ThrowAsync<Exception>(() => tls.AuthenticateAsClientAsync("cloudcore"));
        }
        await Should.ThrowAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{stub.Port}/ca.crt"));
        var reported = await http.GetStringAsync($"http://127.0.0.1:{host.Port}/cloudcore");
        var token = await http.GetStringAsync($"http://127.0.0.1:{host.Port}/");

        // Assert
        // HttpClient itself retries a GET whose connection closes before an answer: each try is one more attempt.
        var attempts = stub.Attempts;
        attempts[0].ShouldBe("TLS ClientHello");
        attempts.Skip(1).ShouldAllBe(a => a == "HTTP GET /ca.crt HTTP/1.1");
        reported.ShouldBe($"{attempts.Count} connection(s): TLS ClientHello x1, HTTP GET /ca.crt HTTP/1.1 x{attempts.Count - 1}\n");
        token.ShouldBe(host.Token + "\n");
    }
}
