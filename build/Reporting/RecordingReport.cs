namespace EdgeBuild.Reporting;

/// <summary>A report that keeps every line with its kind, for callers (and tests) that read what a service said.</summary>
public sealed class RecordingReport : IBuildReport
{
    private readonly List<(string Kind, string Text)> _lines = [];

    /// <summary>Every note and log line in order, as (kind, text); kind is note, debug, information, warning or error.</summary>
    public IReadOnlyList<(string Kind, string Text)> Lines { get { lock (_lines) return [.. _lines]; } }
    /// <summary>The notes only.</summary>
    public IReadOnlyList<string> Notes => [.. Lines.Where(l => l.Kind == "note").Select(l => l.Text)];
    /// <summary>The warnings only.</summary>
    public IReadOnlyList<string> Warnings => [.. Lines.Where(l => l.Kind == "warning").Select(l => l.Text)];

    /// <inheritdoc/>
    public void Note(string note) => Add("note", note);
    /// <inheritdoc/>
    public void Debug(string message) => Add("debug", message);
    /// <inheritdoc/>
    public void Information(string message) => Add("information", message);
    /// <inheritdoc/>
    public void Warning(string message) => Add("warning", message);
    /// <inheritdoc/>
    public void Error(string message) => Add("error", message);

    private void Add(string kind, string text) { lock (_lines) _lines.Add((kind, text)); }
}
