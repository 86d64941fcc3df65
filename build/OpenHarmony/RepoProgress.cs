using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>Turns repo's progress lines ("Fetching:  45% (450/1000)") into "projects done / total" status, throttled for logs.</summary>
public sealed partial class RepoProgress(string step)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastLogged = TimeSpan.MinValue;
    private string? _lastPhase;

    /// <summary>The last state seen: phase (Fetching, Checking out...), projects done and total.</summary>
    public (string Phase, int Done, int Total)? Last { get; private set; }

    [GeneratedRegex(@"^\s*(?<phase>[A-Za-z][A-Za-z ]*?):\s+(?<percent>\d+)%\s+\((?<done>\d+)/(?<total>\d+)\)")]
    private static partial Regex Line();

    /// <summary>Parses one output line; returns the state when it was a progress line.</summary>
    public static (string Phase, int Done, int Total)? Parse(string line) =>
        Line().Match(line) is { Success: true } m
            ? (m.Groups["phase"].Value, int.Parse(m.Groups["done"].Value), int.Parse(m.Groups["total"].Value))
            : null;

    /// <summary>Feeds one line (or redraw) of repo's output.</summary>
    public void Observe(string line)
    {
        if (Parse(line) is not { } state) return;
        Last = state;
        var text = $"repo {step}: {state.Phase} {state.Done}/{state.Total} projects";
        BuildReport.Current.Status(text);
        var finished = state.Done == state.Total;
        if (state.Phase != _lastPhase || finished || _clock.Elapsed - _lastLogged >= Interval)
        {
            _lastPhase = state.Phase;
            _lastLogged = _clock.Elapsed;
            BuildReport.Current.Information(text);
        }
    }
}
