using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tooling;

/// <summary>
/// One sentence for a failure, naming the thing and what to do, without .NET type names; the stack trace goes
/// to the log file (and the console at --verbosity verbose) instead.
/// </summary>
public static partial class ErrorText
{
    /// <summary>The user-facing sentence for <paramref name="e"/>.</summary>
    public static string Describe(Exception e) => e switch
    {
        BuildException => e.Message,
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        HttpRequestException h => $"Network request failed: {Reason(h)}{(h.StatusCode is { } s ? $" (HTTP {(int)s})" : "")}. Check the connection, proxy or the mirror/pins options, then run again.",
        TaskCanceledException or TimeoutException => $"Timed out: {e.Message.TrimEnd('.')}. Check the connection or the server, then run again.",
        UnauthorizedAccessException => $"Permission denied: {e.Message.TrimEnd('.')}. Fix the owner or mode of that path, or point the parameter at a directory you can write.",
        DirectoryNotFoundException or FileNotFoundException => $"Not found: {e.Message.TrimEnd('.')}. Check the path given or run the target that makes it.",
        IOException io => Io(io),
        Win32Exception w => $"Could not start a program: {w.Message.TrimEnd('.')}. Install it (./build.sh Doctor lists the prerequisites) or put it on PATH.",
        JsonException j => $"Invalid JSON {Json(j)}. Fix the file, then run again.",
        InvalidDataException => $"Invalid data: {e.Message.TrimEnd('.')}.",
        _ => $"Unexpected failure: {TypeNames().Replace(e.Message, "").TrimEnd('.')}.",
    };

    /// <summary>Where a JSON error is and what was wrong, in words: "at $.version (line 3): expected text".</summary>
    public static string Json(JsonException e)
    {
        var where = $"at {e.Path ?? "$"}{(e.LineNumber is { } l ? $" (line {l + 1})" : "")}";
        var wrongType = WrongType().Match(e.Message);
        return wrongType.Success ? $"{where}: the value has the wrong type, expected {Words(wrongType.Groups[1].Value)}"
            : $"{where}: {TypeNames().Replace(e.Message.Split(" Path:")[0], "a value").TrimEnd('.')}";
    }

    private static string Io(IOException e)
    {
        var message = e.Message.TrimEnd('.');
        if (message.Contains("No space left", StringComparison.OrdinalIgnoreCase) || e.HResult == 28)
            return $"The disk is full: {message}. Free space there (or move --artifacts / the download cache), then run again.";
        if (message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) || e.HResult == 30)
            return $"Cannot write to a read-only file system: {message}. Point the parameter at a writable directory.";
        if (message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase) || e.HResult == 13)
            return $"Permission denied: {message}. Fix the owner or mode of that path, or choose another directory.";
        return $"File operation failed: {message}. Check the path and the disk, then run again.";
    }

    private static string Reason(HttpRequestException h) => h.Message.TrimEnd('.');

    private static string Words(string type) => type.TrimEnd('.').Split('.')[^1] switch
    {
        "String" => "text",
        "Int32" or "Int64" or "UInt32" or "UInt64" or "Double" or "Decimal" => "a number",
        "Boolean" => "true or false",
        var t when t.EndsWith("[]") || t.StartsWith("List") || t.StartsWith("IReadOnlyList") || t.StartsWith("IEnumerable") => "a list",
        var t when t.StartsWith("Dictionary") || t.StartsWith("IReadOnlyDictionary") => "an object of names and values",
        _ => "an object",
    };

    [GeneratedRegex(@"could not be converted to ([\w.`\[\]]+)")]
    private static partial Regex WrongType();

    [GeneratedRegex(@"\b(System|EdgeBuild|Octokit)\.[\w.`\[\]]+")]
    private static partial Regex TypeNames();
}
