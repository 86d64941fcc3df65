using EdgeBuild.Testing;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Testing;

[Trait("Tier", "Fast")]
public class TestSuiteTests
{
    [Fact]
    public void Totals_are_read_from_the_per_line_summary()
    {
        TestSuite.ReadCounts(["Test Run Failed.", "Total tests: 42", "     Passed: 40", "     Failed: 2", " Total time: 5.9 Seconds"])
            .ShouldBe((2, 40, 0));
    }

    [Fact]
    public void Totals_are_read_from_the_one_line_summary()
    {
        TestSuite.ReadCounts(["Passed!  - Failed:     0, Passed:    34, Skipped:     1, Total:    35, Duration: 3 s"]).ShouldBe((0, 34, 1));
    }

    [Fact]
    public void No_summary_gives_no_totals() => TestSuite.ReadCounts(["Build FAILED."]).ShouldBeNull();

    [Theory]
    [InlineData(null, false, null)]
    [InlineData("FullyQualifiedName~Busybox", false, "FullyQualifiedName~Busybox")]
    [InlineData(null, true, "Tier=Fast")]
    [InlineData("FullyQualifiedName~A|FullyQualifiedName~B", true, "(Tier=Fast)&(FullyQualifiedName~A|FullyQualifiedName~B)")]
    public void The_fast_tier_narrows_any_given_filter_to_Tier_Fast(string? given, bool fast, string? expected) =>
        TestSuite.Filter(given, fast).ShouldBe(expected);

    [Fact]
    public void Failed_tests_are_read_from_a_real_trx_report_with_the_first_lines_of_their_message()
    {
        var failures = TestFailure.Read(Path.Combine(RepositoryRoot.Path, "tests", "data", "dotnet-test", "one-failed.trx"));
        failures.Select(f => f.Name).ShouldBe(["EdgeBuild.Tests.Testing.TrxSampleTests.A_sample_that_fails"]);
        failures[0].Message.ShouldBe(["Shouldly.ShouldAssertException : [Fact] public void A_sample_that_fails\"kernel\"", "should be", "\"userland\""]);
    }

    [Fact]
    public void A_missing_trx_report_gives_no_failures() =>
        TestFailure.Read(Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.trx")).ShouldBeEmpty();
}
