using EdgeBuild.Engine;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Engine;

/// <summary>A build that prints its secrets the way a careless target would.</summary>
public class SecretPrintingBuild : NukeBuild
{
    [Parameter("Token.", BareEnvironment = true), Secret(Allowed = "A-Za-z0-9._-", Kind = "a keadm token")] public readonly string? CloudToken;
    [Parameter("Key.", BareEnvironment = true), Secret] public readonly string? ApiKey;
    public Target Default => _ => _.Executes(() =>
    {
        Log.Information($"token: {CloudToken}");
        Log.Information($"key as YAML: \"{ApiKey?.Replace("\n", "\\n")}\"");
    });
}

[Trait("Tier", "Fast")]
public class SecretParameterTests
{
    [Fact]
    public void A_secret_with_a_trailing_newline_is_bound_trimmed_and_never_printed()
    {
        // Arrange
        using var h = new EngineHarness();
        h.Environment["CLOUD_TOKEN"] = "a1b2c3d4.trailing-newline_token\n";
        var build = new SecretPrintingBuild();

        // Act
        var (code, output) = h.Run(build, []);

        // Assert
        code.ShouldBe(0, output);
        build.CloudToken.ShouldBe("a1b2c3d4.trailing-newline_token");
        output.ShouldContain("token: ***");
        output.ShouldNotContain("trailing-newline");
    }

    [Fact]
    public void A_keadm_token_with_a_character_keadm_never_uses_fails_naming_the_parameter_but_not_the_value()
    {
        // Arrange
        using var h = new EngineHarness();

        // Act
        var (code, output) = h.Run(new SecretPrintingBuild(), ["--cloud-token", "abcd1234.with space$inside"]);

        // Assert
        code.ShouldBe(BuildExecutor.UsageError);
        output.ShouldContain("Parameter --cloud-token (command line) has characters a keadm token never has (only A-Za-z0-9._- are allowed)");
        output.ShouldNotContain("abcd1234");
        output.ShouldNotContain("inside");
    }

    [Fact]
    public void A_secret_registered_with_several_lines_is_masked_on_each_line_it_is_printed_over()
    {
        // Arrange: a secret that did not come through binding (a file's content, say) keeps its line break.
        Secrets.Register("first-half-7f3a\nsecond-half-9c1e");
        var printed = new StringWriter();
        var console = new ConsoleOutput { Writer = printed, IsInteractive = false, GitHubActions = false };

        // Act: output is masked line by line, so the whole value never appears on one line.
        console.WriteLine(null, LogLevel.Information, "token: \"first-half-7f3a");
        console.WriteLine(null, LogLevel.Information, "  second-half-9c1e\"");

        // Assert
        printed.ToString().ShouldNotContain("first-half");
        printed.ToString().ShouldNotContain("second-half");
    }
}
