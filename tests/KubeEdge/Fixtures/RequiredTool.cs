using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.KubeEdge.Fixtures;

/// <summary>Fails a test that needs a host program which is missing, saying what to install (tests never skip silently).</summary>
public static class RequiredTool
{
    /// <summary>The program's path, or an exception naming the package to install.</summary>
    public static string Path(string command, string package) =>
        ProcessRunner.Which(command) ?? throw new InvalidOperationException($"This test needs '{command}': apt-get install {package}.");
}
