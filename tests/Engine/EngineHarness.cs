using System.Collections;
using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Engine;

/// <summary>Runs a test build class through the real executor, capturing output, in a temp root with .nuke/.</summary>
public sealed class EngineHarness : IDisposable
{
    private readonly TempDirectory _root = new();

    public EngineHarness() => Directory.CreateDirectory(_root[".nuke"]);

    /// <summary>The temp root (holds .nuke/ and artifacts/).</summary>
    public string Root => _root.Path;

    /// <summary>Environment seen by the executor (empty unless a test adds to it).</summary>
    public Hashtable Environment { get; } = new();

    /// <summary>Writes a file under the root.</summary>
    public string Write(string relative, string content) => _root.Write(relative, content);

    /// <summary>Runs <paramref name="build"/> with <paramref name="args"/>; returns exit code and everything printed.</summary>
    public (int ExitCode, string Output) Run(NukeBuild build, string[] args, CancellationToken cancellation = default, string defaultTarget = "Default", StringWriter? output = null)
    {
        var writer = output ?? new StringWriter();
        var code = BuildExecutor.Run(build, args, defaultTarget, new ExecutorOptions
        {
            Output = TextWriter.Synchronized(writer),
            Environment = Environment,
            WorkingDirectory = Root,
            RootDirectory = AbsolutePath.Create(Root),
            HandleSignals = false,
            WriteSchema = true,
            Cancellation = cancellation,
        });
        return (code, writer.ToString());
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>A console writer that completes <see cref="Seen"/> once its text contains a marker (to act on a line while the build runs).</summary>
public sealed class WatchedWriter(string marker) : StringWriter
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the marker has been written.</summary>
    public Task Seen => _seen.Task;

    public override void Write(char value) { base.Write(value); Check(); }
    public override void Write(string? value) { base.Write(value); Check(); }
    public override void Write(char[] buffer, int index, int count) { base.Write(buffer, index, count); Check(); }

    private void Check() { if (!_seen.Task.IsCompleted && ToString().Contains(marker, StringComparison.Ordinal)) _seen.TrySetResult(); }
}

/// <summary>Thread-safe record of what targets did, in order.</summary>
public sealed class Journal
{
    private readonly List<string> _events = [];
    private int _running;

    /// <summary>Most targets running at the same time.</summary>
    public int MaxConcurrent { get; private set; }

    public void Add(string e) { lock (_events) _events.Add(e); }
    public IReadOnlyList<string> Events { get { lock (_events) return [.. _events]; } }

    /// <summary>Wraps a target body: records start/end and concurrency.</summary>
    public async Task Track(string name, Func<Task> body)
    {
        lock (_events) { _events.Add($"start {name}"); _running++; MaxConcurrent = Math.Max(MaxConcurrent, _running); }
        try { await body(); }
        finally { lock (_events) { _events.Add($"end {name}"); _running--; } }
    }

    /// <summary>Index of an event, for order assertions.</summary>
    public int IndexOf(string e) => Events.ToList().IndexOf(e);
}
