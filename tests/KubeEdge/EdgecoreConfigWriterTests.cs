using EdgeBuild.Tests.Support;
using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using Shouldly;
using Xunit;
using YamlDotNet.Serialization;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>edgecore.yaml per version family: field names from targets/kubeedge/edgecore-fields.json, token handling, file mode.</summary>
[Trait("Tier", "Fast")]
public class EdgecoreConfigWriterTests
{
    private static readonly EdgecoreFields Fields = EdgecoreFields.Load(Repository.KubeEdgeData);

    private static EdgecoreSettings Settings(string? token = "tok.en-value") => new()
    {
        CloudcoreAddress = "192.168.3.10", Token = token, NodeName = "dayu200", DataRoot = "/mnt/f2fs",
    };

    private static Dictionary<object, object> Parse(string yaml) => new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(yaml);

    private static object? At(Dictionary<object, object> document, string path) =>
        path.Split('.').Aggregate<string, object?>(document, (node, key) => node is Dictionary<object, object> map && map.TryGetValue(key, out var child) ? child : null);

    [Fact]
    public void The_classic_profile_writes_v1alpha1_with_docker_and_no_root_directory_field()
    {
        var yaml = EdgecoreConfigWriter.Render(Repository.Catalog.Resolve("1.9.1"), Settings(), Fields);

        var document = Parse(yaml);
        At(document, "apiVersion").ShouldBe("edgecore.config.kubeedge.io/v1alpha1");
        At(document, "kind").ShouldBe("EdgeCore");
        At(document, "modules.edgeHub.token").ShouldBe("tok.en-value");
        At(document, "modules.edgeHub.websocket.server").ShouldBe("192.168.3.10:10000");
        At(document, "modules.edgeHub.httpServer").ShouldBe("https://192.168.3.10:10002");
        At(document, "modules.edged.hostnameOverride").ShouldBe("dayu200");
        At(document, "modules.edged.customInterfaceName").ShouldBe("wlan0");
        At(document, "modules.edged.runtimeType").ShouldBe("docker");
        At(document, "modules.edged.cgroupDriver").ShouldBe("cgroupfs");
        At(document, "modules.edged.podSandboxImage").ShouldBe("kubeedge/pause:3.1");
        At(document, "modules.edged.rootDirectory").ShouldBeNull();
        At(document, "modules.edged.remoteRuntimeEndpoint").ShouldBeNull();
    }

    [Fact]
    public void The_current_profile_writes_v1alpha2_with_containerd_and_the_root_directory_under_the_data_root()
    {
        var yaml = EdgecoreConfigWriter.Render(Repository.Catalog.Resolve("1.23.1"), Settings(), Fields);

        var document = Parse(yaml);
        At(document, "apiVersion").ShouldBe("edgecore.config.kubeedge.io/v1alpha2");
        At(document, "modules.edged.rootDirectory").ShouldBe("/mnt/f2fs/lib/edged");
        At(document, "modules.edged.tailoredKubeletConfig.containerRuntimeEndpoint").ShouldBe("unix:///run/containerd/containerd.sock");
        At(document, "modules.edged.tailoredKubeletConfig.cgroupDriver").ShouldBe("cgroupfs");
        At(document, "modules.edged.runtimeType").ShouldBeNull();
        At(document, "modules.edged.containerRuntime").ShouldBeNull();
        At(document, "modules.edged.podSandboxImage").ShouldBe("kubeedge/pause:3.6");
    }

    [Fact]
    public void KubeEdge_1_12_keeps_docker_through_the_flat_containerRuntime_field()
    {
        var document = Parse(EdgecoreConfigWriter.Render(Repository.Catalog.Resolve("1.12.7"), Settings(), Fields));

        At(document, "apiVersion").ShouldBe("edgecore.config.kubeedge.io/v1alpha2");
        At(document, "modules.edged.containerRuntime").ShouldBe("docker");
        At(document, "modules.edged.rootDirectory").ShouldBe("/mnt/f2fs/lib/edged");
    }

    [Fact]
    public void Without_a_token_the_file_carries_none_and_says_so()
    {
        var yaml = EdgecoreConfigWriter.Render(Repository.Catalog.Resolve("1.9.1"), Settings(token: null), Fields);

        At(Parse(yaml), "modules.edgeHub.token").ShouldBeNull();
        System.Text.RegularExpressions.Regex.IsMatch(yaml, @"^\s*token:", System.Text.RegularExpressions.RegexOptions.Multiline).ShouldBeFalse();
        yaml.ShouldContain("# No cloud token");
    }

    [Fact]
    public void The_written_file_is_readable_by_its_owner_only()
    {
        using var dir = new TempDirectory();

        EdgecoreConfigWriter.Write(dir["edgecore.yaml"], Repository.Catalog.Resolve("1.23.1"), Settings(), Fields);

        File.GetUnixFileMode(dir["edgecore.yaml"]).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(dir["edgecore.yaml"]).ShouldContain("token: tok.en-value");
    }

    [Fact]
    public void A_field_the_version_does_not_have_is_caught_by_the_check()
    {
        var release = Repository.Catalog.Resolve("1.9.1");
        var yaml = EdgecoreConfigWriter.Render(release, Settings(), Fields) + "  extra:\n    rootDirectory: /mnt/f2fs/lib/edged\n";

        var e = Should.Throw<BuildException>(() => EdgecoreConfigWriter.Check(yaml, release, Settings(), Fields));

        e.Message.ShouldContain("modules.extra.rootDirectory is not a field of edgecore.config.kubeedge.io/v1alpha1");
    }

    [Fact]
    public void A_cloudcore_address_with_a_port_or_scheme_is_refused()
    {
        var e = Should.Throw<BuildException>(() => EdgecoreConfigWriter.Render(Repository.Catalog.Resolve("1.9.1"), Settings() with { CloudcoreAddress = "https://10.0.0.1:10002" }, Fields));

        e.Message.ShouldContain("host name or IP only");
    }

    [Fact]
    public void For_every_supported_series_the_check_catches_a_rendered_value_that_was_changed()
    {
        foreach (var series in Repository.Catalog.Series)
        {
            var release = Repository.Catalog.Resolve(series.Newest);
            var tampered = EdgecoreConfigWriter.Render(release, Settings(), Fields).Replace("hostnameOverride: dayu200", "hostnameOverride: another-node");

            var e = Should.Throw<BuildException>(() => EdgecoreConfigWriter.Check(tampered, release, Settings(), Fields), $"KubeEdge {series.Newest}");

            e.Message.ShouldContain("modules.edged.hostnameOverride does not hold the nodeName value", customMessage: $"KubeEdge {series.Newest}");
        }
    }
}
