using EdgeBuild.Engine;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Engine;

[Trait("Tier", "Fast")]
public class ProgressTests
{
    [Fact]
    public void Without_a_terminal_progress_prints_plain_lines_at_most_once_per_interval()
    {
        var writer = new StringWriter();
        Log.Output = new ConsoleOutput { Writer = writer, IsInteractive = false };
        using (var progress = Progress.Start("file.tar.xz", 4 << 20, TimeSpan.FromHours(1)))
        {
            progress.Report(1 << 20);
            progress.Report(2 << 20);
            progress.Report(3 << 20);
        }
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1);
        lines[0].ShouldStartWith("file.tar.xz 25% 1.0 MiB/4.0 MiB");
    }
}
