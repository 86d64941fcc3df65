using System.Net.Sockets;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>
/// Follows a started container's output until it exits, across dropped connections to the engine: the container keeps
/// running on the engine's host, the follower reconnects, re-reads the log from the container's start and skips the
/// bytes it has already seen on each stream, so every line reaches the caller exactly once.
/// </summary>
public sealed class ContainerLogFollower(DockerClient client, string id, string name, bool tty, Action<string>? onEveryLine, Action<string> onLine)
{
    // Seen so far, by MultiplexedStream.TargetStream (stdin, stdout, stderr): what a re-read skips.
    private readonly long[] _seen = new long[3];
    private readonly StringBuilder _state = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private string? _lastState;

    /// <summary>How long the engine may stay out of reach before the build gives up (the container is then left to the next run).</summary>
    public TimeSpan ReconnectFor { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>How often the engine is asked whether it still answers while the output is quiet (a half-open connection never ends by itself).</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Streams the output to the end and returns the container's exit code.</summary>
    public async Task<long> FollowToExitAsync(CancellationToken ct)
    {
        DateTime? lostSince = null;
        while (true)
        {
            try
            {
                await StreamAsync(ct).ConfigureAwait(false);
                var state = (await client.Containers.InspectContainerAsync(id, ct).ConfigureAwait(false)).State;
                if (lostSince is not null) BuildReport.Current.Information($"Reattached to container {name}: its output continues where it was.");
                lostSince = null;
                if (!state.Running) { FlushLine(); return state.ExitCode; }
                // The stream ended while the container runs: the connection was cut cleanly; read on from where it was.
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectionLoss(e, ct))
            {
                if (lostSince is null)
                    BuildReport.Current.Warning($"Lost the connection to the Docker engine while following container {name} ({e.GetBaseException().Message}); " +
                        $"it keeps running there: reconnecting for up to {ReconnectFor.TotalMinutes:0} min.");
                lostSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - lostSince > ReconnectFor)
                    throw new BuildException($"The Docker engine stayed out of reach for {ReconnectFor.TotalMinutes:0} min while container {name} ran " +
                        $"({e.GetBaseException().Message}); the container may still run there: a re-run removes it, or: docker rm -f {name}.");
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A cut, refused or silent connection (not Ctrl-C, not an answer from the engine).</summary>
    public static bool IsConnectionLoss(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && (e is HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException
            || e.InnerException is { } inner && IsConnectionLoss(inner, ct));

    // One follow request from the container's start, skipping what was seen; a quiet engine is asked whether it still answers.
    private async Task StreamAsync(CancellationToken ct)
    {
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = HeartbeatAsync(cut);
        try
        {
            using var stream = await client.Containers.GetContainerLogsAsync(id, tty,
                new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true }, cut.Token).ConfigureAwait(false);
            var skip = (long[])_seen.Clone();
            var buffer = new byte[81920];
            var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cut.Token).ConfigureAwait(false);
                if (read.EOF) return;
                var target = (int)read.Target;
                var skipped = (int)Math.Min(skip[target], read.Count);
                skip[target] -= skipped;
                if (skipped == read.Count) continue;
                _seen[target] += read.Count - skipped;
                Split(chars, _decoder.GetChars(buffer, skipped, read.Count - skipped, chars, 0));
            }
        }
        finally
        {
            await cut.CancelAsync().ConfigureAwait(false);
            // A heartbeat that found the engine gone cancelled the stream; the stream's end says the rest.
            try { await heartbeat.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
    }

    // Cancels the stream when the engine does not answer an inspect within the heartbeat.
    private async Task HeartbeatAsync(CancellationTokenSource stream)
    {
        while (!stream.IsCancellationRequested)
        {
            await Task.Delay(Heartbeat, stream.Token).ConfigureAwait(false);
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(stream.Token);
            probe.CancelAfter(Heartbeat);
            try { await client.Containers.InspectContainerAsync(id, probe.Token).ConfigureAwait(false); }
            catch (Exception e) when (IsConnectionLoss(e, stream.Token)) { await stream.CancelAsync().ConfigureAwait(false); }
        }
    }

    // A progress line redrawn with '\r' goes to onEveryLine at each redraw, and is logged once (its last state) at '\n'.
    private void Split(char[] chars, int count)
    {
        for (var i = 0; i < count; i++)
            switch (chars[i])
            {
                case '\n': EndLine(); break;
                case '\r': EndState(); break;
                default: _state.Append(chars[i]); break;
            }
    }

    private void EndState()
    {
        if (_state.Length == 0) return;
        _lastState = _state.ToString();
        onEveryLine?.Invoke(_lastState);
        _state.Clear();
    }

    private void EndLine()
    {
        EndState();
        onLine(_lastState ?? "");
        _lastState = null;
    }

    private void FlushLine()
    {
        if (_state.Length > 0 || _lastState is not null) EndLine();
    }
}
