using System.Diagnostics;
using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>Final state of a target in a run.</summary>
public enum TargetStatus { Pending, Running, Succeeded, Failed, Skipped, UpToDate, NotRun, Aborted }

/// <summary>One target's place in a run: status, timing, notes and captured output.</summary>
public sealed class TargetRun(TargetDefinition definition)
{
    public TargetDefinition Definition { get; } = definition;
    public string Name => Definition.Name;
    public TargetStatus Status { get; internal set; } = TargetStatus.Pending;
    public TimeSpan Duration { get; internal set; }
    /// <summary>Short notes shown in the summary (why skipped, what was produced).</summary>
    public List<string> Notes { get; } = [];
    public List<string> Warnings { get; } = [];
    /// <summary>The failure message, if failed.</summary>
    public string? Error { get; internal set; }
    /// <summary>Output held back for grouped (GitHub Actions) display.</summary>
    public List<string> Buffer { get; } = [];
    internal Stopwatch Clock { get; } = new();
    /// <summary>Why the target is in the plan (requested, dependency of X, triggered by X).</summary>
    public string Reason { get; internal set; } = "";
    /// <summary>Targets that triggered this one into the plan (it runs only if one of them ran).</summary>
    internal List<string> TriggeredOnlyBy { get; } = [];
}

/// <summary>Adds notes to the running target's summary row.</summary>
public static class Summary
{
    /// <summary>Adds a short note (masked) to the current target's summary line.</summary>
    public static void Note(string note)
    {
        var run = Log.Current;
        if (run is null) { Log.Information(note); return; }
        lock (run.Notes) run.Notes.Add(Secrets.Mask(note));
    }
}

/// <summary>A command-line or definition error found before anything runs (exit code 2).</summary>
public sealed class UsageException(string message) : BuildException(message);
