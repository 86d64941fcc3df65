using System.Text;
using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>The table printed at the end of every run.</summary>
public static class SummaryTable
{
    public static string Render(IReadOnlyList<TargetRun> runs, TimeSpan total, IEnumerable<string> extraLines)
    {
        var width = Math.Max(6, runs.Select(r => r.Name.Length).DefaultIfEmpty(6).Max());
        var text = new StringBuilder();
        var rule = new string('═', width + 48);
        text.AppendLine(rule);
        text.AppendLine($"{"Target".PadRight(width)}  {"Status",-10}  {"Duration",8}  Notes");
        text.AppendLine(new string('─', width + 48));
        foreach (var run in runs)
        {
            var notes = string.Join("; ", run.Notes.Concat(run.Status == TargetStatus.Failed && run.Error is not null ? [Shorten(run.Error.Split('\n')[0])] : []));
            text.AppendLine($"{run.Name.PadRight(width)}  {run.Status,-10}  {Format(run.Duration),8}  {notes}");
        }
        text.AppendLine(new string('─', width + 48));
        text.AppendLine($"{"Total".PadRight(width)}  {Overall(runs),-10}  {Format(total),8}");
        var failed = runs.Where(r => r.Status == TargetStatus.Failed).ToList();
        // With --continue several targets can fail; each is named with its reason below the table.
        if (failed.Count > 1)
            foreach (var run in failed) text.AppendLine($"Failed: {run.Name}: {Shorten(run.Error?.Split('\n')[0] ?? "no reason recorded")}");
        foreach (var line in extraLines) text.AppendLine(line);
        text.Append(rule);
        return Secrets.Mask(text.ToString());
    }

    // The full error is printed where it happened; the table keeps one readable line.
    private static string Shorten(string text) => text.Length <= 100 ? text : text[..97] + "...";

    private static string Overall(IReadOnlyList<TargetRun> runs) =>
        runs.Any(r => r.Status == TargetStatus.Aborted) ? "Aborted"
        : runs.Any(r => r.Status is TargetStatus.Failed or TargetStatus.NotRun) ? "Failed" : "Succeeded";

    private static string Format(TimeSpan t) =>
        t == TimeSpan.Zero ? "" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}:{t.Seconds:00}" : $"{t.TotalSeconds:0.0}s";
}
