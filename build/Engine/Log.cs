using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>How much the console shows.</summary>
public enum Verbosity { Quiet, Normal, Verbose }

/// <summary>
/// The one logging entry point for targets and services. Lines go to the running target's output
/// (prefixed or grouped by <see cref="ConsoleOutput"/>), with every secret masked.
/// </summary>
public static class Log
{
    private static readonly AsyncLocal<TargetRun?> CurrentRun = new();

    private static readonly AsyncLocal<ConsoleOutput?> CurrentOutput = new();
    private static readonly ConsoleOutput DefaultOutput = new();

    /// <summary>The sink for every line; set per invocation (flows with async calls, so concurrent builds in tests stay apart).</summary>
    public static ConsoleOutput Output { get => CurrentOutput.Value ?? DefaultOutput; set => CurrentOutput.Value = value; }

    /// <summary>The target whose code is running on this async flow, if any.</summary>
    public static TargetRun? Current { get => CurrentRun.Value; internal set => CurrentRun.Value = value; }

    public static void Debug(string message) => Write(LogLevel.Debug, message);
    public static void Information(string message) => Write(LogLevel.Information, message);
    public static void Warning(string message) => Write(LogLevel.Warning, message);
    public static void Error(string message) => Write(LogLevel.Error, message);

    /// <summary>Writes one message (possibly several lines) at a level.</summary>
    public static void Write(LogLevel level, string message)
    {
        foreach (var line in message.Replace("\r\n", "\n").Split('\n'))
            Output.WriteLine(Current, level, line);
        if (level == LogLevel.Warning) Current?.Warnings.Add(Secrets.Mask(message));
    }
}
