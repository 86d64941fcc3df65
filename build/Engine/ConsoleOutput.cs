using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>
/// Writes log lines to the console: prefixed with the target name when targets run concurrently,
/// buffered and wrapped in ::group:: under GitHub Actions, secrets masked, verbosity applied.
/// </summary>
public class ConsoleOutput
{
    private readonly Lock _gate = new();

    /// <summary>The writer lines go to (stdout unless a test replaces it).</summary>
    public TextWriter Writer { get; init; } = Console.Out;
    /// <summary>Minimum level shown.</summary>
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;
    /// <summary>Prefix lines with [Target] (set when more than one target may run at once).</summary>
    public bool PrefixTargets { get; set; }
    /// <summary>GitHub Actions mode: per-target groups and ::error:: annotations.</summary>
    public bool GitHubActions { get; set; } = Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";
    /// <summary>True when stdout is an interactive terminal (progress may redraw a line).</summary>
    public bool IsInteractive { get; set; } = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;

    /// <summary>The run's log file (every level, stack traces included), or null.</summary>
    public TextWriter? LogFile { get; set; }

    /// <summary>Writes one line for <paramref name="run"/> (null: engine line).</summary>
    public void WriteLine(TargetRun? run, LogLevel level, string line)
    {
        line = Secrets.Mask(line);
        if (LogFile is { } file) lock (file) file.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level,-11} {(run is null ? "" : $"[{run.Name}] ")}{line}");
        if (!Shows(level)) return;
        var text = level switch
        {
            LogLevel.Warning => GitHubActions ? $"::warning::{line}" : $"warning: {line}",
            LogLevel.Error => GitHubActions ? $"::error::{line}" : $"error: {line}",
            _ => line,
        };
        if (run is not null && GitHubActions) { lock (run.Buffer) run.Buffer.Add(text); return; }
        if (run is not null && PrefixTargets) text = $"[{run.Name}] {text}";
        lock (_gate) { ClearStatus(); Writer.WriteLine(text); }
    }

    /// <summary>Writes an engine line regardless of target.</summary>
    public void WriteRaw(string text)
    {
        text = Secrets.Mask(text);
        if (LogFile is { } file) lock (file) file.WriteLine(text);
        lock (_gate) { ClearStatus(); Writer.WriteLine(text); }
    }

    /// <summary>Marks the start of a target's output.</summary>
    public void TargetStarted(TargetRun run)
    {
        if (GitHubActions || Verbosity == Verbosity.Quiet) return;
        WriteRaw($"═══ {run.Name} ═══");
    }

    /// <summary>Flushes a target's buffered output (GitHub Actions) as one group.</summary>
    public void TargetFinished(TargetRun run)
    {
        if (!GitHubActions) return;
        lock (_gate)
        {
            Writer.WriteLine($"::group::{run.Name} ({run.Status})");
            lock (run.Buffer) foreach (var line in run.Buffer) Writer.WriteLine(line);
            Writer.WriteLine("::endgroup::");
            if (run.Status == TargetStatus.Failed && run.Error is not null)
                Writer.WriteLine(Secrets.Mask($"::error title={run.Name} failed::{run.Error.Split('\n')[0]}"));
        }
    }

    private string? _status;

    /// <summary>Shows a transient status line (interactive terminals only); plain output ignores it.</summary>
    public void Status(string? text)
    {
        if (!IsInteractive) return;
        lock (_gate)
        {
            ClearStatus();
            _status = text is null ? null : Secrets.Mask(text);
            if (_status is not null) Writer.Write("\r" + _status);
        }
    }

    private void ClearStatus()
    {
        if (_status is null) return;
        Writer.Write("\r" + new string(' ', Math.Min(_status.Length, 200)) + "\r");
        _status = null;
    }

    private bool Shows(LogLevel level) => Verbosity switch
    {
        Verbosity.Quiet => level >= LogLevel.Warning,
        Verbosity.Normal => level >= LogLevel.Information,
        _ => true,
    };
}
