using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Engine;

namespace EdgeBuild.Containers;

/// <summary>
/// Runs a command in a throw-away container through the engine API: output streamed to the log (and a file),
/// the container removed afterwards whatever happened — success, failure or Ctrl-C.
/// </summary>
public sealed class ContainerRunner(DockerClient client)
{
    /// <summary>Label put on every container this project starts (find leftovers with docker ps -a --filter label=edge-build).</summary>
    public const string Label = "edge-build";
    private const int TailLines = 40;

    /// <summary>The name of the last container started (tests look for it after cancellation).</summary>
    public string? LastContainerName { get; private set; }

    /// <summary>Pulls <paramref name="image"/> with progress when the engine does not have it.</summary>
    public async Task EnsureImageAsync(string image, CancellationToken ct)
    {
        try { await client.Images.InspectImageAsync(image, ct).ConfigureAwait(false); return; }
        catch (DockerImageNotFoundException) { }
        Log.Information($"Pulling {image} ...");
        var (name, tag) = SplitReference(image);
        var last = DateTime.MinValue;
        var progress = new Progress<JSONMessage>(m =>
        {
            if (m.Error is not null || DateTime.UtcNow - last < TimeSpan.FromSeconds(3)) return;
            last = DateTime.UtcNow;
            Log.Information($"  {m.ID} {m.Status} {m.ProgressMessage}".TrimEnd());
        });
        try
        {
            await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = name, Tag = tag }, null, progress, ct).ConfigureAwait(false);
            await client.Images.InspectImageAsync(image, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or DockerImageNotFoundException or HttpRequestException)
        {
            throw new BuildException($"Image {image} is not in the engine and could not be pulled ({e.Message.Split('\n')[0]}). " +
                "Pull or load it (docker pull / docker load), or name another with --builder-image.");
        }
    }

    /// <summary>Runs the container to completion and returns its exit code; throws on non-zero unless allowed.</summary>
    public async Task<int> RunAsync(ContainerSpec spec, CancellationToken ct)
    {
        var name = $"{spec.NamePrefix}-{Guid.NewGuid().ToString("N")[..10]}";
        LastContainerName = name;
        var create = new CreateContainerParameters
        {
            Name = name,
            Image = spec.Image,
            Cmd = [.. spec.Command],
            Env = [.. spec.Environment.Select(kv => $"{kv.Key}={kv.Value}")],
            WorkingDir = spec.WorkingDirectory,
            User = spec.User,
            Labels = new Dictionary<string, string> { [Label] = "1" },
            HostConfig = new HostConfig
            {
                Binds = [.. spec.Binds.Select(kv => $"{kv.Key}:{kv.Value}"), .. spec.Volumes.Select(kv => $"{kv.Key}:{kv.Value}")],
            },
        };
        var id = (await client.Containers.CreateContainerAsync(create, ct).ConfigureAwait(false)).ID;
        var tail = new Queue<string>();
        StreamWriter? log = null;
        try
        {
            if (spec.LogFile is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(spec.LogFile))!);
                log = new StreamWriter(spec.LogFile, append: true) { AutoFlush = true };
                log.WriteLine($"$ [{spec.Image}] {string.Join(" ", spec.Command)}");
            }
            Log.Debug($"container {name}: {spec.Image} {string.Join(" ", spec.Command)}");
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct).ConfigureAwait(false);
            var streaming = StreamLogsAsync(id, line =>
            {
                lock (tail) { tail.Enqueue(line); if (tail.Count > TailLines) tail.Dequeue(); }
                log?.WriteLine(Secrets.Mask(line));
                Log.Write(spec.OutputLevel, line);
            }, ct);
            var result = await client.Containers.WaitContainerAsync(id, ct).ConfigureAwait(false);
            await streaming.ConfigureAwait(false);
            var exitCode = (int)result.StatusCode;
            if (exitCode != 0 && !spec.AllowFailure)
            {
                string[] last; lock (tail) last = [.. tail];
                throw new BuildException($"Container {name} ({spec.Image}) exited with code {exitCode}: {string.Join(" ", spec.Command)}" +
                    (spec.LogFile is not null ? $"\n  log: {spec.LogFile}" : "") +
                    "\n  last lines:\n" + string.Join("\n", last.Select(l => "    " + Secrets.Mask(l))));
            }
            return exitCode;
        }
        finally
        {
            log?.Dispose();
            // Not the caller's token: removal must happen even (especially) after Ctrl-C.
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, cleanup.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is DockerApiException or OperationCanceledException or HttpRequestException)
            {
                Log.Warning($"Could not remove container {name}: {e.Message}. Remove it with: docker rm -f {name}");
            }
        }
    }

    private async Task StreamLogsAsync(string id, Action<string> onLine, CancellationToken ct)
    {
        using var stream = await client.Containers.GetContainerLogsAsync(id, tty: false,
            new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true }, ct).ConfigureAwait(false);
        var buffer = new byte[81920];
        var pending = new StringBuilder();
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
            if (read.EOF) break;
            pending.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
            var text = pending.ToString();
            var lastNewline = text.LastIndexOf('\n');
            if (lastNewline < 0) continue;
            foreach (var line in text[..lastNewline].Split('\n')) onLine(line.TrimEnd('\r'));
            pending.Clear().Append(text[(lastNewline + 1)..]);
        }
        if (pending.Length > 0) onLine(pending.ToString());
    }

    private static (string Name, string Tag) SplitReference(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
