using EdgeBuild.Engine;
using EdgeBuild.Kernel;
using EdgeBuild.Packaging;
using EdgeBuild.Pins;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Tooling;

/// <summary>The one data-file loader: every error names the file, the line and what was expected.</summary>
[Trait("Tier", "Fast")]
public class DataJsonTests
{
    [Fact]
    public void A_board_file_with_a_wrong_type_names_the_file_the_line_the_field_and_the_expected_type()
    {
        using var dir = new TempDirectory();
        var real = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "targets", "boards", "rk3568.json"));
        var file = dir.Write("boards/rk3568.json", real.Replace("\"family\": \"rockchip\"", "\"family\": [\"rockchip\"]"));
        var line = File.ReadAllLines(file).ToList().FindIndex(l => l.Contains("\"family\"")) + 1;

        var error = Should.Throw<BuildException>(() => BoardDefinition.Load(dir["boards"], "rk3568"));

        error.Message.ShouldContain(file);
        error.Message.ShouldContain("board definition");
        error.Message.ShouldContain($"$.family (line {line})");
        error.Message.ShouldContain("expected text");
    }

    [Fact]
    public void Broken_syntax_in_the_requirements_list_names_the_file_and_the_line()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("requirements.json", "{\n  \"groups\": [\n    { \"name\": \"x\" \"options\": [] }\n  ]\n}\n");

        var error = Should.Throw<BuildException>(() => KernelRequirements.Load(file));

        error.Message.ShouldContain(file);
        error.Message.ShouldContain("kernel requirements list");
        error.Message.ShouldContain("(line 3)");
        error.Message.ShouldNotContain("Exception");
    }

    [Fact]
    public void A_pins_file_that_is_not_json_names_the_file_and_the_line()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pins.json", "{\n  \"tool\": { \"version\": \"1.0\", }\n  oops\n}\n");

        var error = Should.Throw<BuildException>(() => PinSet.Load(Path.Combine(RepositoryRoot.Path, "targets", "pins"), file));

        error.Message.ShouldContain(file);
        error.Message.ShouldContain("pins file");
        error.Message.ShouldContain("(line 3)");
    }
}
