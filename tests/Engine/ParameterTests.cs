using EdgeBuild.Engine;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Engine;

public enum Flavour { Plain, Spicy }

/// <summary>One parameter of each supported type.</summary>
public class ParameterBuild : NukeBuild
{
    [Parameter("Text.")] public readonly string? Text;
    [Parameter("Flag.")] public readonly bool Flag;
    [Parameter("Count.")] public readonly int Count = 3;
    [Parameter("Flavour.")] public readonly Flavour Flavour;
    [Parameter("Path.")] public readonly AbsolutePath? SomePath;
    [Parameter("Names.")] public readonly string[] Names = [];
    [Parameter("Key."), Secret] public readonly string? ApiKey;
    [Parameter("Renamed.", Name = "kubeedge-source")] public readonly string? KubeEdgeSourceDir;
    public Target Default => _ => _.Executes(() => { });
}

/// <summary>A secret with a value in code.</summary>
public class SecretDefaultBuild : NukeBuild
{
    [Parameter("Key."), Secret] public readonly string? ApiKey = "built-in-key";
    public Target Default => _ => _.Executes(() => { });
}

[Trait("Tier", "Fast")]
public class ParameterTests
{
    [Fact]
    public void Each_type_is_filled_from_kebab_case_options()
    {
        using var h = new EngineHarness();
        var build = new ParameterBuild();
        h.Run(build, ["--text", "hello", "--flag", "--count", "7", "--flavour", "SPICY", "--some-path", "sub/dir", "--names", "a", "b", "--names", "c"])
            .ExitCode.ShouldBe(0);
        build.Text.ShouldBe("hello");
        build.Flag.ShouldBeTrue();
        build.Count.ShouldBe(7);
        build.Flavour.ShouldBe(Flavour.Spicy);
        ((string)build.SomePath!).ShouldBe(Path.Combine(h.Root, "sub", "dir"));
        build.Names.ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void Command_line_beats_environment_beats_profile_beats_parameters_json()
    {
        using var h = new EngineHarness();
        h.Write(".nuke/parameters.json", """{ "Text": "json", "Count": 1, "Flavour": "spicy", "Names": ["j"] }""");
        h.Write(".nuke/parameters.ci.json", """{ "Text": "profile", "Count": 2 }""");
        h.Environment["EDGE_BUILD_TEXT"] = "env";
        h.Environment["NUKE_COUNT"] = "5";

        var all = new ParameterBuild();
        h.Run(all, ["--profile", "ci", "--text", "cli"]).ExitCode.ShouldBe(0);
        all.Text.ShouldBe("cli");
        all.Count.ShouldBe(5);
        all.Flavour.ShouldBe(Flavour.Spicy);
        all.Names.ShouldBe(["j"]);

        var noCli = new ParameterBuild();
        h.Run(noCli, ["--profile", "ci"]);
        noCli.Text.ShouldBe("env");

        h.Environment.Clear();
        var profile = new ParameterBuild();
        h.Run(profile, ["--profile", "ci"]);
        (profile.Text, profile.Count).ShouldBe(("profile", 2));

        var json = new ParameterBuild();
        h.Run(json, []);
        (json.Text, json.Count).ShouldBe(("json", 1));
    }

    [Fact]
    public void Environment_names_ignore_case_and_separators()
    {
        using var h = new EngineHarness();
        h.Environment["nuke_some_path"] = "/tmp/x";
        var build = new ParameterBuild();
        h.Run(build, []).ExitCode.ShouldBe(0);
        ((string)build.SomePath!).ShouldBe("/tmp/x");
    }

    [Fact]
    public void A_renamed_parameter_takes_its_environment_name_from_its_command_line_name()
    {
        using var h = new EngineHarness();
        h.Environment["NUKE_KUBEEDGE_SOURCE"] = "/src/kubeedge";
        var build = new ParameterBuild();
        var (code, output) = h.Run(build, ["--help"]);
        code.ShouldBe(0);
        output.ShouldContain("(env NUKE_KUBEEDGE_SOURCE)");
        h.Run(build, []).ExitCode.ShouldBe(0);
        build.KubeEdgeSourceDir.ShouldBe("/src/kubeedge");
    }

    [Fact]
    public void Generic_environment_names_steer_nothing_unless_prefixed_or_allowed()
    {
        using var h = new EngineHarness();
        h.Environment["TEXT"] = "from someone's shell";
        var bare = new ParameterBuild();
        h.Run(bare, []).ExitCode.ShouldBe(0);
        bare.Text.ShouldBeNull();

        h.Environment["EDGE_BUILD_TEXT"] = "meant for the build";
        var prefixed = new ParameterBuild();
        h.Run(prefixed, []).ExitCode.ShouldBe(0);
        prefixed.Text.ShouldBe("meant for the build");
    }

    [Fact]
    public void The_real_build_ignores_a_bare_ARTIFACTS_and_still_reads_GITHUB_TOKEN()
    {
        using var h = new EngineHarness();
        var environment = new System.Collections.Hashtable { ["ARTIFACTS"] = h.Root, ["GITHUB_TOKEN"] = "ghp_from_ci" };
        var run = Support.BuildRunner.Run(["--help"], environment: environment);
        run.ExitCode.ShouldBe(0, run.Output);
        run.Build.Artifacts.ShouldBeNull();
        run.Build.GithubToken.ShouldBe("ghp_from_ci");
        run.Output.ShouldContain("(env NUKE_ARTIFACTS)");
        run.Output.ShouldContain("(env CLOUD_TOKEN)");
    }

    [Fact]
    public void Engine_switches_are_read_only_from_prefixed_environment_names()
    {
        using var h = new EngineHarness();
        h.Environment["TARGET"] = "Nope";
        h.Environment["PLAN"] = "true";
        h.Run(new ScenarioBuild(), []).ExitCode.ShouldBe(0);
        h.Environment["NUKE_TARGET"] = "Nope";
        h.Run(new ScenarioBuild(), []).ExitCode.ShouldBe(BuildExecutor.UsageError);
    }

    [Fact]
    public void Bad_values_and_unknown_options_are_clear_errors()
    {
        using var h = new EngineHarness();
        var (code, output) = h.Run(new ParameterBuild(), ["--flavour", "sour"]);
        code.ShouldBe(BuildExecutor.UsageError);
        output.ShouldContain("--flavour from the command line: 'sour' is not one of plain, spicy");

        (code, output) = h.Run(new ParameterBuild(), ["--flavor", "plain"]);
        code.ShouldBe(BuildExecutor.UsageError);
        output.ShouldContain("Unknown option --flavor. Did you mean: --flavour?");

        (code, output) = h.Run(new ParameterBuild(), ["--count", "many"]);
        output.ShouldContain("'many' is not a whole number");

        (code, output) = h.Run(new ParameterBuild(), ["--profile", "nope"]);
        code.ShouldBe(BuildExecutor.UsageError);
        output.ShouldContain("Profile 'nope'");
    }

    [Fact]
    public void Help_lists_targets_and_parameters_with_defaults_and_env_names_and_hides_secrets()
    {
        using var h = new EngineHarness();
        var (code, output) = h.Run(new ScenarioBuild(), ["--help", "--token", "hunter22"]);
        code.ShouldBe(0);
        output.ShouldContain("A   ");
        output.ShouldContain("First");
        output.ShouldContain("→ A");
        output.ShouldNotContain("Hidden");
        output.ShouldContain("--text");
        output.ShouldContain("(env NUKE_TEXT)");
        output.ShouldContain($"[default: {Environment.ProcessorCount}]");
        output.ShouldNotContain("hunter22");

        (_, output) = h.Run(new SecretDefaultBuild(), ["--help"]);
        output.ShouldNotContain("built-in-key");
        output.ShouldContain("[default: ***]");
    }

    [Fact]
    public void The_schema_lists_parameters_and_target_names()
    {
        using var h = new EngineHarness();
        h.Run(new ScenarioBuild(), ["--help"]);
        var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(h.Root, ".nuke", "build.schema.json")));
        var properties = schema.RootElement.GetProperty("properties");
        properties.GetProperty("Text").GetProperty("type").GetString().ShouldBe("string");
        properties.GetProperty("Verbosity").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldContain("Quiet");
        properties.GetProperty("Target").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldContain("Trigger");
    }
}
