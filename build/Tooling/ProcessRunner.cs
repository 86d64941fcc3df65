using System.Text;
using CliWrap;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tooling;

/// <summary>How to run one process.</summary>
public sealed record ProcessOptions
{
    /// <summary>Directory the process starts in.</summary>
    public string? WorkingDirectory { get; init; }
    /// <summary>Variables added to (or, with null, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    /// <summary>Every output line is also appended here (the path is named in failures).</summary>
    public string? LogFile { get; init; }
    /// <summary>Level the output lines are logged at (Debug: shown with --verbosity verbose).</summary>
    public LogLevel OutputLevel { get; init; } = LogLevel.Debug;
    /// <summary>Keep stdout in the result (for commands whose output is data).</summary>
    public bool CaptureOutput { get; init; }
    /// <summary>Return a non-zero exit code instead of throwing.</summary>
    public bool AllowFailure { get; init; }
    /// <summary>Bytes written to the process's standard input.</summary>
    public string? StandardInput { get; init; }
    /// <summary>How often a plain "still running" line is logged while output is hidden (CI logs); null: never.</summary>
    public TimeSpan? Heartbeat { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>The outcome of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, IReadOnlyList<string> LastLines);

/// <summary>A process that exited non-zero: names the command, exit code, directory, log and last lines.</summary>
public sealed class ProcessFailedException(string message, int exitCode) : BuildException(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Runs external commands through CliWrap: output logged and kept, cancellation kills the process tree.</summary>
public static class ProcessRunner
{
    private const int TailLines = 30;

    /// <summary>Runs <paramref name="executable"/> and waits; throws <see cref="ProcessFailedException"/> on a non-zero exit.</summary>
    public static async Task<ProcessResult> RunAsync(string executable, IEnumerable<string> arguments,
        ProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProcessOptions();
        var args = arguments.ToList();
        var commandLine = Secrets.Mask(string.Join(" ", new[] { executable }.Concat(args).Select(Quote)));
        var tail = new Queue<string>();
        var captured = new StringBuilder();
        StreamWriter? log = null;
        if (options.LogFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.LogFile))!);
            log = new StreamWriter(options.LogFile, append: true) { AutoFlush = true };
            log.WriteLine($"$ {commandLine}");
        }
        var gate = new Lock();
        var lines = 0;
        void OnLine(string line, bool isOutput)
        {
            lock (gate)
            {
                lines++;
                if (isOutput && options.CaptureOutput) captured.AppendLine(line);
                tail.Enqueue(line);
                if (tail.Count > TailLines) tail.Dequeue();
                log?.WriteLine(Secrets.Mask(line));
            }
            if (!(isOutput && options.CaptureOutput)) BuildReport.Current.Write(options.OutputLevel, line);
        }

        var command = Cli.Wrap(executable)
            .WithArguments(args)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(options.Environment)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => OnLine(line, true)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => OnLine(line, false)));
        if (options.WorkingDirectory is not null) command = command.WithWorkingDirectory(options.WorkingDirectory);
        if (options.StandardInput is not null) command = command.WithStandardInputPipe(PipeSource.FromString(options.StandardInput));

        BuildReport.Current.Debug($"$ {commandLine}");
        int exitCode;
        using var heartbeat = new CancellationTokenSource();
        var beating = options.OutputLevel < LogLevel.Information && options.Heartbeat is { } interval
            ? HeartbeatAsync(Path.GetFileName(executable), interval, () => { lock (gate) return (lines, tail.LastOrDefault()); }, heartbeat.Token)
            : Task.CompletedTask;
        try
        {
            // CliWrap's cancellation kills the whole process tree (make -j, sh -c ...).
            exitCode = (await command.ExecuteAsync(cancellationToken).ConfigureAwait(false)).ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"Cannot start '{executable}': {e.Message}. Is it installed? ./build.sh Doctor lists what is missing.");
        }
        finally
        {
            await heartbeat.CancelAsync();
            await beating;
            log?.Dispose();
        }

        var lastLines = tail.ToList();
        if (exitCode != 0 && !options.AllowFailure)
            throw new ProcessFailedException(
                $"Command failed with exit code {exitCode}: {commandLine}" +
                (options.WorkingDirectory is not null ? $"\n  in {options.WorkingDirectory}" : "") +
                (options.LogFile is not null ? $"\n  log: {options.LogFile}" : "") +
                "\n  last lines:\n" + string.Join("\n", lastLines.Select(l => "    " + Secrets.Mask(l))), exitCode);
        return new ProcessResult(exitCode, captured.ToString(), lastLines);
    }

    /// <summary>Runs a command and returns its trimmed standard output.</summary>
    public static async Task<string> OutputOfAsync(string executable, IEnumerable<string> arguments,
        ProcessOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(executable, arguments, (options ?? new()) with { CaptureOutput = true }, cancellationToken)).StandardOutput.Trim();

    // Long steps whose output is hidden still show they are alive: a redrawn status on a terminal, a line every
    // interval in plain logs.
    private static async Task HeartbeatAsync(string name, TimeSpan interval, Func<(int Lines, string? Last)> state, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lastPlain = TimeSpan.Zero;
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                var (lines, last) = state();
                var text = $"{name}: {clock.Elapsed.TotalSeconds:0} s, {lines} lines" + (last is { Length: > 0 } ? $": {Shorten(last.Trim())}" : "");
                BuildReport.Current.Status(text);
                if (!BuildReport.Current.IsInteractive && clock.Elapsed - lastPlain >= interval)
                {
                    lastPlain = clock.Elapsed;
                    BuildReport.Current.Information($"  ... {text}");
                }
            }
        }
        catch (OperationCanceledException) { BuildReport.Current.Status(null); }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    /// <summary>Full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Which(string name)
    {
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";
}
