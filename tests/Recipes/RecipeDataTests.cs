using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

public sealed class RecipeDataTests
{
    [Fact(Timeout = 60000)]
    [Trait("Tier", "Integration")]
    public async Task A_component_added_as_a_pin_and_a_userland_json_entry_gets_a_target_that_Userland_runs_and_help_lists()
    {
        using var copy = new RepositoryCopy();
        var file = copy.Root / "targets" / "userland.json";
        var data = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        data["hello-tool"] = JsonNode.Parse("""
            { "kind": "autotools", "description": "Static hello from data alone.", "install": "hello",
              "versionCheck": { "args": ["--version"], "expect": "hello {version}" } }
            """);
        File.WriteAllText(file, data.ToJsonString());
        // The board says which arch it runs as; its pin says where the source comes from.
        var boardFile = copy.Root / "targets" / "boards" / "rk3568.json";
        var board = JsonNode.Parse(File.ReadAllText(boardFile))!.AsObject();
        board["arch"]!["hello-tool"] = "arm64";
        File.WriteAllText(boardFile, board.ToJsonString());
        File.WriteAllText(copy.Root / "targets" / "pins" / "hello-tool.json", """
            { "name": "hello-tool", "version": "2.12.1", "license": "GPL-3.0-or-later",
              "files": [ { "fileName": "hello-2.12.1.tar.gz", "sha256": "8d99142afd92576f30b0cd7cb42a8dc6809998bc5d607d88761f512e26c7db20",
                           "hashSource": "test data", "urls": ["https://ftp.gnu.org/gnu/hello/hello-2.12.1.tar.gz"] } ] }
            """);

        var (_, planCode, plan) = await Task.Run(() => copy.Run("Userland", "--plan"));
        var (_, helpCode, help) = await Task.Run(() => copy.Run("--help"));

        planCode.ShouldBe(0, plan);
        plan.ShouldContain("HelloTool  (dependency of Userland)");
        helpCode.ShouldBe(0, help);
        help.ShouldContain("Static hello from data alone.");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Integration")]
    public async Task The_public_component_targets_are_listed_by_help_and_planned_by_Userland()
    {
        using var copy = new RepositoryCopy();

        var (_, code, plan) = await Task.Run(() => copy.Run("Userland", "--plan"));

        code.ShouldBe(0, plan);
        foreach (var target in new[] { "Busybox", "Iproute2", "Iptables", "F2fsTools" })
            plan.ShouldContain($"{target}  (dependency of Userland)");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task An_entry_of_an_unknown_kind_fails_naming_the_file_the_entry_and_the_kinds()
    {
        using var copy = new RepositoryCopy();
        var file = copy.Root / "targets" / "userland.json";
        var data = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        data["busybox"]!["kind"] = "cmake";
        File.WriteAllText(file, data.ToJsonString());

        var (_, code, output) = await Task.Run(() => copy.Run("Busybox", "--plan"));

        code.ShouldNotBe(0, output);
        output.ShouldContain("userland.json: entry 'busybox' is malformed");
        output.ShouldContain("autotools, kconfig, make");
    }
}
