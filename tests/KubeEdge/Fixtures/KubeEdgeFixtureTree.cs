namespace EdgeBuild.Tests.KubeEdge.Fixtures;

/// <summary>Where a fixture keeps edged's root and container-log dirs, as the KubeEdge series differ.</summary>
public enum EdgedForm
{
    /// <summary>1.9-1.11: DefaultRootDir and ContainerLogsDir constants in edge/pkg/edged/edged.go.</summary>
    EdgedConstants,
    /// <summary>1.12-1.14: edged wraps the vendored kubelet; kubelet.go has a ContainerLogsDir constant.</summary>
    KubeletContainerLogsDir,
    /// <summary>1.15+: kubelet.go has DefaultContainerLogsDir, and ContainerLogsDir is a variable set from it.</summary>
    KubeletDefaultContainerLogsDir,
}

/// <summary>
/// A small KubeEdge-shaped module written by the tests: go.mod, vendor/ with runc's fscommon, edged (either form),
/// pkg/version stamped by ldflags, a mini edgecore main (cgo when enabled) and a Go test of ParseKeyValue.
/// </summary>
public static class KubeEdgeFixtureTree
{
    /// <summary>fscommon/utils.go, relative to the tree.</summary>
    public const string UtilsGo = "vendor/github.com/opencontainers/runc/libcontainer/cgroups/fscommon/utils.go";
    /// <summary>edged.go, relative to the tree.</summary>
    public const string EdgedGo = "edge/pkg/edged/edged.go";
    /// <summary>The vendored kubelet.go, relative to the tree.</summary>
    public const string KubeletGo = "vendor/k8s.io/kubernetes/pkg/kubelet/kubelet.go";
    /// <summary>The package holding the Go test against OpenHarmony's memory.stat.</summary>
    public const string MemstatPackage = "./edge/pkg/memstat";

    /// <summary>Writes the tree under <paramref name="root"/>.</summary>
    public static string Write(string root, RuncVariant variant, EdgedForm edged, string runcVersion = "v1.0.0-rc95")
    {
        void Put(string relative, string text)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");
        }
        Put("go.mod", $"module github.com/kubeedge/kubeedge\n\ngo 1.16\n\nrequire github.com/opencontainers/runc {runcVersion}\n");
        Put("vendor/modules.txt", $"# github.com/opencontainers/runc {runcVersion}\n## explicit\ngithub.com/opencontainers/runc/libcontainer/cgroups/fscommon\n");
        Put(UtilsGo, RuncUtilsSource.For(variant));
        Put(EdgedGo, edged == EdgedForm.EdgedConstants ? EdgedWithConstants : EdgedWrappingKubelet);
        if (edged != EdgedForm.EdgedConstants) Put(KubeletGo, edged == EdgedForm.KubeletContainerLogsDir ? KubeletConstant : KubeletDefaultConstant);
        Put("pkg/version/version.go", VersionGo);
        Put("edge/cmd/edgecore/main.go", EdgecoreMain);
        Put("edge/cmd/edgecore/name_cgo.go", EdgecoreNameCgo);
        Put("edge/cmd/edgecore/name_nocgo.go", EdgecoreNameNoCgo);
        Put("edge/pkg/memstat/memstat_test.go", MemstatTest);
        return root;
    }

    private const string EdgedWithConstants = """
        package edged

        import "time"

        const (
        	plegChannelCapacity = 1000
        	syncMsgRespTimeout  = 1 * time.Minute
        	// DefaultRootDir is where edged keeps pods, volumes and plugins.
        	DefaultRootDir = "/var/lib/edged"
        	// ContainerLogsDir is where the links to container logs go.
        	ContainerLogsDir                 = "/var/log/containers"
        	workerResyncIntervalJitterFactor = 0.5
        )

        // rootDirectory tells callers where edged keeps its state.
        func rootDirectory() string { return DefaultRootDir }
        """;

    private const string EdgedWrappingKubelet = """
        package edged

        import "k8s.io/kubernetes/pkg/kubelet"

        // edged runs the vendored kubelet; its root dir comes from edgecore.yaml (modules.edged.rootDirectory).
        type edged struct {
        	kubelet *kubelet.Kubelet
        }
        """;

    private const string KubeletConstant = """
        package kubelet

        import "time"

        const (
        	// ContainerLogsDir is the location of container logs.
        	ContainerLogsDir = "/var/log/containers"

        	// MaxContainerBackOff is the longest restart back-off.
        	MaxContainerBackOff = 300 * time.Second
        )

        // Kubelet is the node agent.
        type Kubelet struct{}
        """;

    private const string KubeletDefaultConstant = """
        package kubelet

        const (
        	// DefaultContainerLogsDir is the location of container logs.
        	DefaultContainerLogsDir = "/var/log/containers"
        )

        var (
        	// ContainerLogsDir can be overwritten for testing usage.
        	ContainerLogsDir = DefaultContainerLogsDir
        )

        // Kubelet is the node agent.
        type Kubelet struct{}
        """;

    private const string VersionGo = """
        package version

        // Set at link time with -X, as KubeEdge's own build does.
        var (
        	gitVersion   = "v0.0.0-master"
        	gitMajor     string
        	gitMinor     string
        	gitTreeState string
        	buildDate    = "1970-01-01T00:00:00Z"
        )

        // Get returns the version the binary was stamped with.
        func Get() string {
        	return gitVersion + " (" + gitMajor + "." + gitMinor + ", " + gitTreeState + ", " + buildDate + ")"
        }
        """;

    // Behaves like edgecore where the build's checks look: --version (up to 1.11), and with --config it logs
    // "Version: ..." after reading the file, then stops at a custom interface that does not exist.
    private const string EdgecoreMain = """
        package main

        import (
        	"fmt"
        	"os"
        	"strings"

        	"github.com/kubeedge/kubeedge/pkg/version"
        )

        func main() {
        	if len(os.Args) > 1 && os.Args[1] == "--version" {
        		fmt.Printf("%s %s\n", programName(), version.Get())
        		return
        	}
        	if len(os.Args) > 2 && os.Args[1] == "--config" {
        		config, err := os.ReadFile(os.Args[2])
        		if err != nil || !strings.Contains(string(config), "kind: EdgeCore") {
        			fmt.Fprintf(os.Stderr, "F server.go:61] config: invalid config file %s: %v\n", os.Args[2], err)
        			os.Exit(1)
        		}
        		fmt.Fprintf(os.Stderr, "I server.go:76] Version: %s\n", version.Get())
        		for _, line := range strings.Split(string(config), "\n") {
        			if name := strings.TrimPrefix(strings.TrimSpace(line), "customInterfaceName: "); name != strings.TrimSpace(line) {
        				fmt.Fprintf(os.Stderr, "E server.go:96] Failed to get IP address by custom interface %s, err: no such network interface\n", name)
        				os.Exit(1)
        			}
        		}
        		os.Exit(0)
        	}
        	fmt.Println("fixture edgecore: only --version and --config are implemented")
        	os.Exit(2)
        }
        """;

    private const string EdgecoreNameCgo = """
        //go:build cgo

        package main

        /*
        static const char *program_name(void) { return "KubeEdge"; }
        */
        import "C"

        // programName comes from C, so a cgo build really links C code statically.
        func programName() string { return C.GoString(C.program_name()) }
        """;

    private const string EdgecoreNameNoCgo = """
        //go:build !cgo

        package main

        func programName() string { return "KubeEdge" }
        """;

    private const string MemstatTest = """
        package memstat

        import (
        	"strings"
        	"testing"

        	"github.com/opencontainers/runc/libcontainer/cgroups/fscommon"
        )

        // memory.stat as an OpenHarmony kernel with CONFIG_HYPERHOLD_DEBUG prints it: the standard "key value" lines,
        // then four lines in KiB with a colon, a tab and a right-aligned value ("%s:\t%12lu kB").
        const openHarmonyMemoryStat = "cache 135168\nrss 1105920\nrss_huge 0\nshmem 0\nmapped_file 0\ndirty 0\nwriteback 0\n" +
        	"pgpgin 1024\npgpgout 707\npgfault 1651\npgmajfault 0\ninactive_anon 1101824\nactive_anon 4096\n" +
        	"inactive_file 135168\nactive_file 0\nunevictable 0\nhierarchical_memory_limit 9223372036854771712\n" +
        	"total_cache 135168\ntotal_rss 1105920\n" +
        	"Anon:\t      101436 kB\nFile:\t       52420 kB\nzram:\t           0 kB\nEswap:\t           0 kB\n"

        func TestEveryLineOfOpenHarmonysMemoryStatParses(t *testing.T) {
        	want := map[string]uint64{
        		"cache": 135168, "rss": 1105920, "hierarchical_memory_limit": 9223372036854771712,
        		"Anon": 101436 * 1024, "File": 52420 * 1024, "zram": 0, "Eswap": 0,
        	}
        	got := map[string]uint64{}
        	for _, line := range strings.Split(strings.TrimSuffix(openHarmonyMemoryStat, "\n"), "\n") {
        		key, value, err := fscommon.ParseKeyValue(line)
        		if err != nil {
        			t.Fatalf("line %q: %v", line, err)
        		}
        		got[key] = value
        	}
        	for key, value := range want {
        		if got[key] != value {
        			t.Errorf("%s = %d, want %d", key, got[key], value)
        		}
        	}
        }

        func TestTabsAndRunsOfSpacesSeparateKeyAndValue(t *testing.T) {
        	for _, line := range []string{"pgfault\t1651", "pgfault    1651", "pgfault: 1651"} {
        		key, value, err := fscommon.ParseKeyValue(line)
        		if err != nil || key != "pgfault" || value != 1651 {
        			t.Errorf("line %q: got %q=%d (%v), want pgfault=1651", line, key, value, err)
        		}
        	}
        }

        func TestMalformedLinesAreStillErrors(t *testing.T) {
        	for _, line := range []string{"", "cache", "cache 12 34", "cache twelve", "Anon:\t   12 MB", "Anon:\t many kB", ": 12", "a b c d", "Anon:\t 18014398509481984 kB"} {
        		if key, value, err := fscommon.ParseKeyValue(line); err == nil {
        			t.Errorf("line %q parsed as %q=%d, want an error", line, key, value)
        		}
        	}
        }
        """;
}
