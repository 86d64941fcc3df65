using System.Diagnostics;

namespace EdgeBuild.Tests.Packaging;

/// <summary>Runs host tools the tests compare against; a missing tool fails with what to install.</summary>
public static class Processes
{
    /// <summary>Runs <paramref name="exe"/> and returns (exit code, stdout bytes, stderr text).</summary>
    public static async Task<(int Code, byte[] Output, string Error)> RunAsync(string exe, IEnumerable<string> args, string? workingDirectory = null, byte[]? input = null)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, WorkingDirectory = workingDirectory ?? "" };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception) { throw new InvalidOperationException($"'{exe}' is not installed; install it (see toolchains/host.json, or ./build.sh Doctor --install-prerequisites)."); }
        using (process)
        {
            var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var error = process.StandardError.ReadToEndAsync();
            if (input is not null) { await process.StandardInput.BaseStream.WriteAsync(input); process.StandardInput.Close(); }
            await Task.WhenAll(copy, error, process.WaitForExitAsync());
            return (process.ExitCode, output.ToArray(), await error);
        }
    }

    /// <summary>Runs and returns stdout as text; a non-zero exit fails the test with stderr.</summary>
    public static async Task<string> TextAsync(string exe, IEnumerable<string> args, string? workingDirectory = null)
    {
        var (code, output, error) = await RunAsync(exe, args, workingDirectory);
        if (code != 0) throw new InvalidOperationException($"{exe} {string.Join(' ', args)} exited {code}: {error}");
        return System.Text.Encoding.UTF8.GetString(output);
    }
}
