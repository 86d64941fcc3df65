using System.Diagnostics;

namespace EdgeBuild.Reporting;

/// <summary>
/// Reports progress of a long step: a redrawn status line on a terminal, a plain line at most every
/// few seconds otherwise (CI logs stay readable).
/// </summary>
public sealed class Progress : IDisposable
{
    private readonly string _label;
    private readonly long? _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _plainInterval;
    private TimeSpan _lastPlain;
    private long _done;

    private readonly IBuildReport _report;

    private Progress(string label, long? total, TimeSpan plainInterval, IBuildReport report)
    {
        _label = label; _total = total; _plainInterval = plainInterval; _report = report;
        _lastPlain = -plainInterval; // the first report prints at once
    }

    /// <summary>Starts reporting a step; <paramref name="totalBytes"/> null when unknown.</summary>
    public static Progress Start(string label, long? totalBytes, TimeSpan? plainInterval = null, IBuildReport? report = null) =>
        new(label, totalBytes, plainInterval ?? TimeSpan.FromSeconds(5), report ?? BuildReport.Current);

    /// <summary>Sets the amount done so far.</summary>
    public void Report(long done)
    {
        _done = done;
        var text = Describe();
        _report.Status(text);
        if (!_report.IsInteractive && _clock.Elapsed - _lastPlain >= _plainInterval)
        {
            _lastPlain = _clock.Elapsed;
            _report.Information(text);
        }
    }

    /// <summary>Text like "busybox-1.37.0.tar.bz2 45% 1.2/2.6 MiB 3.1 MiB/s".</summary>
    public string Describe()
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var speed = $"{Size(_done / seconds)}/s";
        return _total is > 0
            ? $"{_label} {100 * _done / _total.Value}% {Size(_done)}/{Size(_total.Value)} {speed}"
            : $"{_label} {Size(_done)} {speed}";
    }

    /// <summary>Human size with binary units.</summary>
    public static string Size(double bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (1 << 30):0.0} GiB",
        >= 1 << 20 => $"{bytes / (1 << 20):0.0} MiB",
        >= 1 << 10 => $"{bytes / (1 << 10):0.0} KiB",
        _ => $"{bytes:0} B",
    };

    public void Dispose() => _report.Status(null);
}
