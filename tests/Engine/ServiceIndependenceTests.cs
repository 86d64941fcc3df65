using EdgeBuild.Reporting;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Engine;

/// <summary>Domain services under build/&lt;Concern&gt;/ know nothing of the engine: they report through IBuildReport.</summary>
[Trait("Tier", "Fast")]
public class ServiceIndependenceTests
{
    [Fact]
    public void No_service_source_refers_to_the_engine_namespace()
    {
        var build = Path.Combine(RepositoryRoot.Path, "build");
        var offenders = Directory.EnumerateDirectories(build)
            .Where(d => Path.GetFileName(d) is not ("Engine" or "obj" or "bin"))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => File.ReadAllText(f).Contains("EdgeBuild.Engine", StringComparison.Ordinal)
                        && !File.ReadAllText(f).Contains("<c>EdgeBuild.Engine.EngineReport</c>", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(build, f))
            .ToList();
        offenders.ShouldBeEmpty("services must report through EdgeBuild.Reporting.IBuildReport, not the engine's Log or Summary");
    }

    [Fact]
    public async Task A_service_run_outside_the_engine_reports_into_the_report_its_caller_chose()
    {
        var report = new RecordingReport();
        using (BuildReport.Use(report))
            await ProcessRunner.RunAsync("sh", ["-c", "echo from-the-process"], new ProcessOptions { OutputLevel = LogLevel.Information }, CancellationToken.None);
        report.Lines.ShouldContain(("information", "from-the-process"));
    }
}
