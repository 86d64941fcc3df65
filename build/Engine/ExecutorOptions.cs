using EdgeBuild.Tooling;

namespace EdgeBuild.Engine;

/// <summary>What the executor needs from its host; tests replace the console, environment and signals.</summary>
public sealed record ExecutorOptions
{
    /// <summary>Where output goes.</summary>
    public TextWriter Output { get; init; } = Console.Out;
    /// <summary>The environment parameters are read from.</summary>
    public System.Collections.IDictionary Environment { get; init; } = System.Environment.GetEnvironmentVariables();
    /// <summary>The directory relative paths resolve against.</summary>
    public string WorkingDirectory { get; init; } = System.Environment.CurrentDirectory;
    /// <summary>Overrides the root found from .nuke.</summary>
    public AbsolutePath? RootDirectory { get; init; }
    /// <summary>Cancelled like Ctrl-C (tests); the executor also listens to SIGINT/SIGTERM when true.</summary>
    public CancellationToken Cancellation { get; init; }
    /// <summary>Hook process signals (Ctrl-C, SIGTERM).</summary>
    public bool HandleSignals { get; init; } = true;
    /// <summary>Write .nuke/build.schema.json when it changed.</summary>
    public bool WriteSchema { get; init; } = true;
}
