using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Engine;

/// <summary>Failures read as one sentence naming the thing and what to do; .NET type names and traces go to the log file only.</summary>
[Trait("Tier", "Fast")]
public class ErrorReportingTests
{
    private static readonly string[] TypeNames = ["Exception:", "System.", "   at "];

    private static void ShouldNameNoType(string output)
    {
        foreach (var name in TypeNames) output.ShouldNotContain(name, customMessage: output);
    }

    [Fact(Timeout = 30000)]
    public async Task A_refused_connection_names_the_address_and_the_trace_goes_to_the_log_file()
    {
        using var h = new EngineHarness();
        var url = ClosedPort.Url();

        var (code, output) = await Task.Run(() => h.Run(new FailureBuild(), ["Fetch", "--url", url]));

        code.ShouldBe(1, output);
        output.ShouldContain($"error: Network request failed: Connection refused ({new Uri(url).Authority})");
        output.ShouldContain("Check the connection");
        ShouldNameNoType(output);
        var log = Path.Combine(h.Root, ".nuke", "temp", "build.log");
        output.ShouldContain($"Full log with stack traces: {log}");
        File.ReadAllText(log).ShouldContain("System.Net.Http.HttpRequestException");
    }

    [Fact(Timeout = 30000)]
    public async Task Verbose_output_shows_the_stack_trace()
    {
        using var h = new EngineHarness();

        var (_, output) = await Task.Run(() => h.Run(new FailureBuild(), ["Fetch", "--url", ClosedPort.Url(), "--verbosity", "verbose"]));

        output.ShouldContain("HttpRequestException");
    }

    [Fact(Timeout = 30000)]
    public async Task Writing_to_a_read_only_file_system_says_so_and_what_to_do()
    {
        using var h = new EngineHarness();
        using var readOnly = new ReadOnlyMount();

        var (code, output) = await Task.Run(() => h.Run(new FailureBuild(), ["WriteFile", "--into", readOnly.Path]));

        code.ShouldBe(1, output);
        output.ShouldContain($"Cannot write to a read-only file system: Read-only file system : '{Path.Combine(readOnly.Path, "out.txt")}'");
        output.ShouldContain("writable directory");
        ShouldNameNoType(output);
    }

    [Fact(Timeout = 30000)]
    public async Task A_missing_program_is_named_with_how_to_get_it()
    {
        using var h = new EngineHarness();

        var (code, output) = await Task.Run(() => h.Run(new FailureBuild(), ["StartTool"]));

        code.ShouldBe(1, output);
        output.ShouldContain("Could not start a program: An error occurred trying to start process 'edge-build-no-such-tool'");
        output.ShouldContain("./build.sh Doctor");
        ShouldNameNoType(output);
    }

    [Fact(Timeout = 30000)]
    public async Task A_json_value_of_the_wrong_type_names_its_place_and_the_expected_kind_in_words()
    {
        using var h = new EngineHarness();

        var (code, output) = await Task.Run(() => h.Run(new FailureBuild(), ["ReadJson"]));

        code.ShouldBe(1, output);
        output.ShouldContain("Invalid JSON at $.version (line 1): the value has the wrong type, expected text.");
        ShouldNameNoType(output);
    }
}
