using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>
/// Reaches an ssh:// engine as the docker CLI does, through `ssh host docker system dial-stdio`. Docker.DotNet takes no custom
/// stream transport, so a private unix socket (in a 0700 directory) stands in for the engine: every connection the client
/// opens on it starts one ssh and pipes bytes both ways.
/// </summary>
public sealed class SshDialStdio : IDisposable
{
    private static readonly ConcurrentDictionary<string, SshDialStdio> Bridges = new();
    private readonly Socket _listener;
    private readonly SshTarget _target;
    private readonly string _directory;

    /// <summary>The local socket the client talks to.</summary>
    public Uri Socket { get; }

    private SshDialStdio(SshTarget target)
    {
        _target = target;
        _directory = Directory.CreateTempSubdirectory("eb-ssh-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(_directory, "docker.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(16);
        Socket = new Uri($"unix://{path}");
        _ = AcceptAsync();
    }

    /// <summary>The bridge for <paramref name="target"/>, started on first use and kept for the life of the process.</summary>
    public static SshDialStdio For(SshTarget target) =>
        Bridges.GetOrAdd(string.Join('\0', target.DialStdioArguments), _ => new SshDialStdio(target));

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket connection;
            try { connection = await _listener.AcceptAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is ObjectDisposedException or SocketException) { return; }
            _ = PipeAsync(connection);
        }
    }

    private async Task PipeAsync(Socket connection)
    {
        using var client = new NetworkStream(connection, ownsSocket: true);
        var start = new ProcessStartInfo("ssh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in _target.DialStdioArguments) start.ArgumentList.Add(argument);
        using var ssh = Process.Start(start) ?? throw new BuildException("Could not start ssh; install openssh-client.");
        var errors = ssh.StandardError.ReadToEndAsync();
        try
        {
            var up = client.CopyToAsync(ssh.StandardInput.BaseStream).ContinueWith(_ => ssh.StandardInput.Close(), TaskScheduler.Default);
            var down = ssh.StandardOutput.BaseStream.CopyToAsync(client);
            await Task.WhenAny(up, down).ConfigureAwait(false);
            if (down.IsCompleted && ssh.HasExited && ssh.ExitCode != 0)
                BuildReport.Current.Warning($"ssh {_target.Destination} docker system dial-stdio exited with code {ssh.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()}");
        }
        catch (IOException) { }
        finally
        {
            if (!ssh.HasExited) ssh.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Stops listening and removes the socket's directory.</summary>
    public void Dispose()
    {
        _listener.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
