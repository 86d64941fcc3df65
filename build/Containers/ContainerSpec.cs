namespace EdgeBuild.Containers;

/// <summary>What to run in a throw-away container.</summary>
public sealed record ContainerSpec
{
    /// <summary>Image reference (name:tag).</summary>
    public required string Image { get; init; }
    /// <summary>Command and arguments (no shell unless the command is one).</summary>
    public required IReadOnlyList<string> Command { get; init; }
    /// <summary>Bind mounts: host path → container path (":ro" suffix on the container path for read-only).</summary>
    public IReadOnlyDictionary<string, string> Binds { get; init; } = new Dictionary<string, string>();
    /// <summary>Named volumes kept between runs (ccache, Go module cache): volume name → container path.</summary>
    public IReadOnlyDictionary<string, string> Volumes { get; init; } = new Dictionary<string, string>();
    /// <summary>Environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Working directory inside the container.</summary>
    public string? WorkingDirectory { get; init; }
    /// <summary>User to run as (uid:gid), default the image's.</summary>
    public string? User { get; init; }
    /// <summary>Prefix of the container's name (a random suffix keeps names unique).</summary>
    public string NamePrefix { get; init; } = "edge-build";
    /// <summary>Log level for the container's output lines.</summary>
    public Reporting.LogLevel OutputLevel { get; init; } = Reporting.LogLevel.Information;
    /// <summary>Every output line is appended here (named in failures).</summary>
    public string? LogFile { get; init; }
    /// <summary>Return the exit code instead of throwing on non-zero.</summary>
    public bool AllowFailure { get; init; }
    /// <summary>Labels added to the container (besides the project's own), so callers can find their containers.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>Give the command a terminal (tools like repo print progress only to a terminal).</summary>
    public bool Tty { get; init; }
    /// <summary>Called with every output line, and with every carriage-return redraw of a progress line.</summary>
    public Action<string>? OnLine { get; init; }
}
