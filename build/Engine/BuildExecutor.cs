using System.Diagnostics;
using System.Runtime.InteropServices;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>Runs one invocation: bind parameters, plan, check requirements, run, summarise. Returns the exit code.</summary>
public static class BuildExecutor
{
    /// <summary>Exit code for a bad command line or definition.</summary>
    public const int UsageError = 2;
    /// <summary>Exit code after Ctrl-C / SIGTERM.</summary>
    public const int Cancelled = 130;

    /// <summary>Time since this process started (the engine-overhead figure of benchmarks/engine.sh).</summary>
    public static TimeSpan SinceProcessStart => DateTime.Now - Process.GetCurrentProcess().StartTime;

    public static int Run(NukeBuild build, IReadOnlyList<string> args, string defaultTarget, ExecutorOptions options)
    {
        var output = new ConsoleOutput
        {
            Writer = options.Output,
            GitHubActions = options.Environment["GITHUB_ACTIONS"] as string == "true",
        };
        if (options.Output != Console.Out) output.IsInteractive = false;
        Log.Output = output;
        if (options.RootDirectory is not null) build.RootDirectory = options.RootDirectory;
        try
        {
            var parameters = ParameterSet.Discover(build.GetType());
            var commandLine = CommandLine.Parse(args, parameters);
            build.ParameterSources = ParameterBinder.Bind(build, parameters, commandLine, options.Environment,
                build.RootDirectory / ".nuke", options.WorkingDirectory);
            output.Verbosity = build.Verbosity;
            var graph = new TargetGraph(build.DiscoverTargets());
            if (options.WriteSchema) Schema.WriteIfChanged(build.RootDirectory / ".nuke" / "build.schema.json", parameters, graph);
            if (build.Help) { output.WriteRaw(HelpText.Render(graph, parameters, build)); return 0; }

            build.OnParametersBound();
            var requested = commandLine.Targets.Concat(build.Target ?? []).SelectMany(t => t.Split('+')).ToList();
            if (requested.Count == 0) requested.Add(defaultTarget);
            var plan = Planner.Plan(graph, requested, build.Skip);
            build.Runs = plan.Runs;
            foreach (var root in build.OutputRoots()) OutputRoots.Prepare(root);
            if (build.Plan)
            {
                output.WriteRaw(PlanText.Render(plan, graph));
                var mermaid = build.ArtifactsDirectory / "plan.mmd";
                Files.WriteAtomically(mermaid, PlanText.Mermaid(plan, graph));
                output.WriteRaw($"Graph written to {mermaid}");
                foreach (var line in build.PlanLines(plan)) output.WriteRaw(line);
                return 0;
            }
            CheckRequirements(plan, parameters);
            Log.Debug($"Engine ready after {SinceProcessStart.TotalMilliseconds:0} ms");
            return RunPlan(build, plan, options, output);
        }
        catch (UsageException e)
        {
            output.WriteRaw($"error: {e.Message}");
            return UsageError;
        }
        // A data file read while discovering targets (boards, userland components) is bad: say which, run nothing.
        catch (BuildException e)
        {
            output.WriteRaw($"error: {e.Message}");
            return UsageError;
        }
        catch (Exception e)
        {
            // Outside any target (binding, planning, writing the plan): one sentence, the trace only when verbose.
            output.WriteRaw($"error: {ErrorText.Describe(e)}");
            if (output.Verbosity == Verbosity.Verbose) output.WriteRaw(e.ToString());
            return 1;
        }
    }

    private static void CheckRequirements(ExecutionPlan plan, IReadOnlyList<ParameterInfo> parameters)
    {
        var missing = plan.Runs.Where(r => r.Status == TargetStatus.Pending)
            .SelectMany(r => r.Definition.RequiredParameters.Where(p => IsEmpty(p.Getter())).Select(p => (Target: r.Name, p.Member)))
            .ToList();
        if (missing.Count == 0) return;
        var lines = missing.Select(m =>
        {
            var info = parameters.FirstOrDefault(p => p.Member.Name == m.Member);
            var name = info?.Name ?? Names.Kebab(m.Member);
            return $"  --{name} (or {info?.EnvironmentName ?? Names.EnvironmentName(m.Member)}) is required by {m.Target}" +
                (info?.Description is { } d ? $": {d}" : "");
        });
        throw new UsageException("Missing required parameters; nothing was run:\n" + string.Join("\n", lines));
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        Array a => a.Length == 0,
        _ => false,
    };

    // build.log, or a run-specific name while another run in this checkout holds it.
    private static (AbsolutePath Path, FileStream Stream) OpenLog(AbsolutePath directory)
    {
        var path = directory / "build.log";
        try { return (path, new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read)); }
        catch (IOException)
        {
            path = directory / $"build.{Environment.ProcessId}.{Guid.NewGuid().ToString("N")[..8]}.log";
            return (path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        }
    }

    private static int RunPlan(NukeBuild build, ExecutionPlan plan, ExecutorOptions options, ConsoleOutput output)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation);
        using var hardCancel = new CancellationTokenSource();
        var signals = new List<IDisposable>();
        if (options.HandleSignals)
        {
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                if (cancel.IsCancellationRequested) { output.WriteRaw("Second interrupt: stopping clean-up targets too."); hardCancel.Cancel(); }
                else { output.WriteRaw($"{context.Signal}: cancelling running targets, then running clean-up targets (interrupt again to stop those)."); cancel.Cancel(); }
            }
            signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        }
        var clock = Stopwatch.StartNew();
        var (logPath, logStream) = OpenLog(build.TemporaryDirectory);
        using var logFile = new StreamWriter(logStream) { AutoFlush = true };
        output.LogFile = TextWriter.Synchronized(logFile);
        try
        {
            var runOptions = new RunOptions
            {
                MaxParallel = build.MaxParallel,
                Force = build.Force,
                Continue = build.Continue,
                Locks = new OutputLocks(build.ArtifactsDirectory, build.TemporaryDirectory),
                State = new IncrementalState(build.TemporaryDirectory / "state"),
                OutputCache = build.OutputCache,
            };
            Runner.RunAsync(plan, runOptions, cancel.Token, hardCancel.Token).GetAwaiter().GetResult();
        }
        finally { foreach (var s in signals) s.Dispose(); }

        var failed = plan.Runs.Any(r => r.Status == TargetStatus.Failed);
        output.WriteRaw(SummaryTable.Render(plan.Runs, clock.Elapsed,
            failed ? [.. build.SummaryLines(), $"Full log with stack traces: {logPath}"] : build.SummaryLines()));
        output.LogFile = null;
        if (plan.Runs.Any(r => r.Status == TargetStatus.Aborted) || cancel.IsCancellationRequested) return Cancelled;
        return plan.Runs.Any(r => r.Status is TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Aborted) ? 1 : 0;
    }
}
