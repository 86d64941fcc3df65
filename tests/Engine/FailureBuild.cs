using System.Diagnostics;
using System.Text.Json;
using EdgeBuild.Engine;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Engine;

/// <summary>Targets that fail the way real services do (network, file system, missing program, bad JSON), and one that holds an output.</summary>
public class FailureBuild : NukeBuild
{
    [Parameter("A URL.")] public readonly string? Url;
    [Parameter("A directory to write into.")] public readonly string? Into;
    [Parameter("Produce holds its output until this file exists.")] public readonly string? Gate;

    public Target Fetch => _ => _.Executes(async () => { using var http = new HttpClient(); await http.GetStringAsync(Url); });
    public Target WriteFile => _ => _.Executes(() => File.WriteAllText(Path.Combine(Into!, "out.txt"), "x"));
    public Target StartTool => _ => _.Executes(() => Process.Start("edge-build-no-such-tool")!.WaitForExit());
    public Target ReadJson => _ => _.Executes(() => JsonSerializer.Deserialize<Dictionary<string, string>>("""{ "version": 12 }"""));

    /// <summary>Holds its output until the gate file exists, so a second build on the same artifacts directory has to wait.</summary>
    public Target Produce => _ => _
        .Outputs(() => [ArtifactsDirectory / "produced"])
        .Executes(async ct =>
        {
            var dir = ArtifactsDirectory / "produced";
            var staging = dir + ".partial";
            if (Directory.Exists(staging)) throw new BuildException($"{staging} exists: another build is writing here.");
            Directory.CreateDirectory(staging);
            for (var waited = 0; Gate is not null && !File.Exists(Gate) && waited < 60000; waited += 20) await Task.Delay(20, ct);
            File.WriteAllText(Path.Combine(staging, "file"), $"{Environment.ProcessId}");
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.Move(staging, dir);
        });
}
