using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>The engine's <see cref="IBuildReport"/>: notes go to the running target's summary row, lines to <see cref="Log"/> (both masked).</summary>
public sealed class EngineReport : IBuildReport
{
    /// <summary>The one instance; it writes to whichever target runs on the calling async flow.</summary>
    public static EngineReport Instance { get; } = new();

    private EngineReport() { }

    /// <inheritdoc/>
    public void Note(string note) => Summary.Note(note);
    /// <inheritdoc/>
    public void Debug(string message) => Log.Debug(message);
    /// <inheritdoc/>
    public void Information(string message) => Log.Information(message);
    /// <inheritdoc/>
    public void Warning(string message) => Log.Warning(message);
    /// <inheritdoc/>
    public void Error(string message) => Log.Error(message);
}
