using System.Diagnostics;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Cli;

/// <summary>build.sh's choice of .NET SDK, with stand-in dotnet executables that log how they were called.</summary>
[Trait("Tier", "Fast")]
public class BootstrapTests
{
    private const string FakeDotnet = """
        #!/bin/sh
        echo "$(basename "$(dirname "$0")") $* telemetry=$DOTNET_CLI_TELEMETRY_OPTOUT nologo=$DOTNET_NOLOGO" >> "$FAKE_LOG"
        if [ "$1" = "--version" ]; then [ "$FITS" = "$0" ]; exit $?; fi
        exit 0
        """;

    private static (TempDirectory Dir, string Fake1, string Fake2) Checkout()
    {
        var dir = new TempDirectory();
        File.Copy(Path.Combine(RepositoryRoot.Path, "build.sh"), dir["build.sh"]);
        File.Copy(Path.Combine(RepositoryRoot.Path, "global.json"), dir["global.json"]);
        dir.Write("build/_build.csproj", "<Project />");
        string Fake(string name)
        {
            var path = dir.Write($"{name}/dotnet", FakeDotnet.Replace("\r", ""));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }
        File.SetUnixFileMode(dir["build.sh"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (dir, Fake("sdk-a"), Fake("sdk-b"));
    }

    private static async Task<int> RunAsync(string script, IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DOTNET_EXE");
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        await Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync(), p.WaitForExitAsync());
        return p.ExitCode;
    }

    [Fact(Timeout = 60000)]
    public async Task DOTNET_EXE_is_used_when_its_SDK_fits_and_arguments_pass_through()
    {
        var (dir, a, b) = Checkout();
        using var _ = dir;
        var log = dir["calls.log"];
        var code = await RunAsync(dir["build.sh"], new Dictionary<string, string>
        {
            ["DOTNET_EXE"] = a, ["FITS"] = a, ["FAKE_LOG"] = log, ["PATH"] = $"{Path.GetDirectoryName(b)}:/usr/bin:/bin",
        }, "Doctor", "--board", "rk3568");
        code.ShouldBe(0);
        var calls = File.ReadAllLines(log);
        calls.ShouldContain(l => l.StartsWith("sdk-a build ") && l.Contains("_build.csproj") && l.Contains("--verbosity quiet"));
        calls.ShouldContain(l => l.StartsWith("sdk-a ") && l.Contains("_build.dll Doctor --board rk3568 telemetry=1 nologo=1"));
        calls.ShouldNotContain(l => l.StartsWith("sdk-b"));
    }

    [Fact(Timeout = 60000)]
    public async Task A_dotnet_whose_SDK_global_json_rejects_is_passed_over_for_the_one_on_PATH()
    {
        var (dir, a, b) = Checkout();
        using var _ = dir;
        var log = dir["calls.log"];
        var code = await RunAsync(dir["build.sh"], new Dictionary<string, string>
        {
            ["DOTNET_EXE"] = a, ["FITS"] = b, ["FAKE_LOG"] = log, ["PATH"] = $"{Path.GetDirectoryName(b)}:/usr/bin:/bin",
        }, "--help");
        code.ShouldBe(0);
        var calls = File.ReadAllLines(log);
        calls.ShouldContain(l => l.StartsWith("sdk-a --version"));
        calls.ShouldContain(l => l.StartsWith("sdk-b build "));
        calls.ShouldContain(l => l.StartsWith("sdk-b ") && l.Contains("_build.dll --help"));
    }
}
