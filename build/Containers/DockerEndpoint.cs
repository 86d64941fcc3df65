namespace EdgeBuild.Containers;

/// <summary>The user and host (and port) an ssh:// engine is reached through, plus extra ssh options (tests give -F).</summary>
public sealed record SshTarget(string Destination, int? Port, IReadOnlyList<string> Options)
{
    /// <summary>The ssh command line that opens the engine's API on stdin/stdout, as the docker CLI runs it.</summary>
    public IReadOnlyList<string> DialStdioArguments =>
        [.. Options, "-o", "ConnectTimeout=30", "-T", .. Port is { } p ? new[] { "-p", p.ToString() } : [], "--", Destination, "docker", "system", "dial-stdio"];
}

/// <summary>
/// Which Docker engine this build talks to: its address, where that choice came from (--docker-host, DOCKER_HOST,
/// a context), its TLS material and, for ssh://, how to reach it. Remote means "not a unix socket on this machine".
/// </summary>
public sealed record DockerEndpoint
{
    /// <summary>The address as the user gave it (unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host).</summary>
    public required Uri Address { get; init; }
    /// <summary>Where the address came from, for Doctor and --plan.</summary>
    public required string Source { get; init; }
    /// <summary>Directory with ca.pem, cert.pem and key.pem when the engine speaks TLS (null: plain HTTP or a socket).</summary>
    public string? TlsDirectory { get; init; }
    /// <summary>Verify the engine's certificate against ca.pem (DOCKER_TLS_VERIFY, or a context without SkipTLSVerify).</summary>
    public bool TlsVerify { get; init; } = true;
    /// <summary>Extra ssh options for ssh:// (tests point at their own ssh config).</summary>
    public IReadOnlyList<string> SshOptions { get; init; } = [];

    /// <summary>Where the default socket's endpoint comes from (nothing named another engine).</summary>
    public const string DefaultSource = "the default socket";

    /// <summary>Nothing named an engine: this machine's default socket.</summary>
    public bool IsDefault => Source == DefaultSource;

    /// <summary>The engine runs elsewhere: its disk is not ours, so the workspace must live in volumes.</summary>
    public bool IsRemote => Address.Scheme != "unix";

    /// <summary>The ssh destination of an ssh:// address.</summary>
    public SshTarget? Ssh => Address.Scheme == "ssh"
        ? new SshTarget(Address.UserInfo is { Length: > 0 } user ? $"{Uri.UnescapeDataString(user)}@{Address.Host}" : Address.Host,
            Address.IsDefaultPort || Address.Port < 0 ? null : Address.Port, SshOptions)
        : null;

    /// <summary>One line for Doctor and --plan: local/remote, address and where it came from.</summary>
    public override string ToString() =>
        $"{(IsRemote ? "remote" : "local")} {Address.OriginalString}{(TlsDirectory is not null ? " (TLS)" : "")} from {Source}";
}
