namespace EdgeBuild.Reporting;

/// <summary>
/// What a domain service may tell the person running the build: log lines and short notes for the summary row of the
/// target that called it. The engine implements it (<c>EdgeBuild.Engine.EngineReport</c>, masking secrets); services take
/// one as a parameter, so they run and are tested without the engine (<see cref="BuildReport.Silent"/>, <see cref="RecordingReport"/>).
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
}

/// <summary>Ready-made reports for code that runs outside a build.</summary>
public static class BuildReport
{
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
