using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>The engine's <see cref="IBuildReport"/>: notes go to the running target's summary row, lines to <see cref="Log"/> (both masked).</summary>
public sealed class EngineReport : IBuildReport
{
    /// <summary>The one instance; it writes to whichever target runs on the calling async flow.</summary>
    public static EngineReport Instance { get; } = new();

    private EngineReport() { }

    /// <summary>Makes the engine the default report of services as soon as the build assembly loads.</summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void BecomeDefault() => BuildReport.Default = Instance;

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
    /// <inheritdoc/>
    public void Status(string? text) => Log.Output.Status(text);
    /// <inheritdoc/>
    public bool IsInteractive => Log.Output.IsInteractive;
}
