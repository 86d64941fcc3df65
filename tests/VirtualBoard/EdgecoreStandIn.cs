using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using EdgeBuild.Tests.Support;

namespace EdgeBuild.Tests.VirtualBoard;

/// <summary>
/// A stand-in edgecore for the virtual board, since a real one needs KubeEdge's sources (no route here): the KubeEdge
/// fixture tree with a main.go that starts the way edgecore does, built with the real edgecore recipe (static arm64
/// cgo, version by ldflags) so it passes the Edgecore target's verification like a prebuilt one. With --config it logs
/// "Version:", stops at a missing customInterfaceName as edgecore does, then fetches https://&lt;httpServer&gt;/ca.crt
/// (edgehub's first request to cloudcore) and retries every 3 s on failure. It says it is a stand-in in its version line.
/// </summary>
public static class EdgecoreStandIn
{
    /// <summary>The KubeEdge release the stand-in reports.</summary>
    public const string Version = "1.9.1";

    /// <summary>Builds the stand-in at <paramref name="output"/> under <paramref name="dir"/>.</summary>
    public static async Task<string> BuildAsync(TempDirectory dir, string output)
    {
        var release = Repository.Catalog.Resolve(Version);
        var source = KubeEdgeFixtureTree.Write(dir["edgecore-src"], RuncVariant.Rc95, EdgedForm.EdgedConstants);
        File.WriteAllText(Path.Combine(source, "edge", "cmd", "edgecore", "main.go"), Main);
        var producer = new EdgecoreProducer(Repository.Arm64, EdgecoreFields.Load(Repository.KubeEdgeData), "/mnt/f2fs", output, dir["edgecore-work"]);
        return await producer.BuildAsync(new KubeEdgeSourceTree(source, release), Repository.Catalog.GoBuildTags, EdgecoreBuildMode.Native, null,
            DateTimeOffset.FromUnixTimeSeconds(1700000000), CancellationToken.None);
    }

    private const string Main = """
        package main

        import (
        	"crypto/tls"
        	"fmt"
        	"net"
        	"net/http"
        	"os"
        	"strings"
        	"time"

        	"github.com/kubeedge/kubeedge/pkg/version"
        )

        const standIn = "(edge-build's stand-in built with the edgecore recipe, not KubeEdge's edgecore)"

        // field is the value of the first "name: value" line of the config, unquoted.
        func field(config, name string) string {
        	for _, line := range strings.Split(config, "\n") {
        		if v := strings.TrimPrefix(strings.TrimSpace(line), name+":"); v != strings.TrimSpace(line) {
        			return strings.Trim(strings.TrimSpace(v), `"'`)
        		}
        	}
        	return ""
        }

        func main() {
        	if len(os.Args) > 1 && os.Args[1] == "--version" {
        		fmt.Printf("%s %s %s\n", programName(), version.Get(), standIn)
        		return
        	}
        	if len(os.Args) < 3 || os.Args[1] != "--config" {
        		fmt.Println("stand-in edgecore: only --version and --config FILE are implemented")
        		os.Exit(2)
        	}
        	bytes, err := os.ReadFile(os.Args[2])
        	config := string(bytes)
        	if err != nil || !strings.Contains(config, "kind: EdgeCore") {
        		fmt.Fprintf(os.Stderr, "F server.go:61] config: invalid config file %s: %v\n", os.Args[2], err)
        		os.Exit(1)
        	}
        	fmt.Fprintf(os.Stderr, "I server.go:76] Version: %s %s\n", version.Get(), standIn)
        	if name := field(config, "customInterfaceName"); name != "" {
        		if _, err := net.InterfaceByName(name); err != nil {
        			fmt.Fprintf(os.Stderr, "E server.go:96] Failed to get IP address by custom interface %s, err: no such network interface\n", name)
        			os.Exit(1)
        		}
        	}
        	// edgehub's certificate manager asks cloudcore for its CA first and retries until it answers.
        	url := field(config, "httpServer") + "/ca.crt"
        	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
        	for {
        		response, err := client.Get(url)
        		if err == nil {
        			response.Body.Close()
        			err = fmt.Errorf("cloudcore answered %s", response.Status)
        		}
        		fmt.Fprintf(os.Stderr, "E certmanager.go:161] failed to get CA certificate from %s, retrying in 3s: %v\n", url, err)
        		time.Sleep(3 * time.Second)
        	}
        }
        """;
}
