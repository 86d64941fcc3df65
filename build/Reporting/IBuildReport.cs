namespace EdgeBuild.Reporting;

/// <summary>
/// What a domain service may tell the person running the build: log lines and short notes for the summary row of the
/// target that called it. The engine implements it (<c>EdgeBuild.Engine.EngineReport</c>, masking secrets); services take
/// one as a parameter or write to <see cref="BuildReport.Current"/>, so they run and are tested without the engine
/// (<see cref="BuildReport.Use"/> with a <see cref="RecordingReport"/>, or <see cref="BuildReport.Silent"/>).
/// </summary>
public interface IBuildReport
{
    /// <summary>A short note on the calling target's summary row (what was produced, what was skipped).</summary>
    void Note(string note);
    /// <summary>A line of detail shown with --verbosity verbose.</summary>
    void Debug(string message);
    /// <summary>A line of progress or result.</summary>
    void Information(string message);
    /// <summary>A line the user should read; also listed with the target's warnings.</summary>
    void Warning(string message);
    /// <summary>A line about a failure the service reports without throwing.</summary>
    void Error(string message);
    /// <summary>Redraws the one status line of a terminal (null clears it); nothing elsewhere.</summary>
    void Status(string? text) { }
    /// <summary>Whether a status line is shown (a terminal, not CI); otherwise progress is logged as plain lines.</summary>
    bool IsInteractive => false;
}

/// <summary>Writing at a level chosen at run time (a process's output level).</summary>
public static class BuildReportExtensions
{
    /// <summary>Writes <paramref name="message"/> at <paramref name="level"/>.</summary>
    public static void Write(this IBuildReport report, LogLevel level, string message)
    {
        switch (level)
        {
            case LogLevel.Debug: report.Debug(message); break;
            case LogLevel.Information: report.Information(message); break;
            case LogLevel.Warning: report.Warning(message); break;
            default: report.Error(message); break;
        }
    }
}

/// <summary>
/// The report services write to: <see cref="Current"/> is the one set for the calling async flow (<see cref="Use"/>),
/// else <see cref="Default"/>: the engine, which makes itself the default when the build assembly loads.
/// </summary>
public static class BuildReport
{
    private static readonly AsyncLocal<IBuildReport?> Ambient = new();

    /// <summary>The report for code with no <see cref="Use"/> scope of its own.</summary>
    public static IBuildReport Default { get; set; } = new SilentReport();

    /// <summary>Where a service writes now.</summary>
    public static IBuildReport Current => Ambient.Value ?? Default;

    /// <summary>Sends what services say on this async flow to <paramref name="report"/> until disposed (tests read it back).</summary>
    public static IDisposable Use(IBuildReport report)
    {
        var previous = Ambient.Value;
        Ambient.Value = report;
        return new Scope(() => Ambient.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable { public void Dispose() => restore(); }

    /// <summary>A report that drops everything (services called where nobody reads their lines).</summary>
    public static IBuildReport Silent { get; } = new SilentReport();

    private sealed class SilentReport : IBuildReport
    {
        public void Note(string note) { }
        public void Debug(string message) { }
        public void Information(string message) { }
        public void Warning(string message) { }
        public void Error(string message) { }
    }
}
