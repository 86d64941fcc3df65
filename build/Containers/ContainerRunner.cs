using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Reporting;

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

    /// <summary>How long a dropped connection to the engine is retried while a container runs (see <see cref="ContainerLogFollower"/>).</summary>
    public TimeSpan ReconnectFor { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The engine the containers run on.</summary>
    public DockerClient Client => client;

    /// <summary>Pulls <paramref name="image"/> with progress when the engine does not have it.</summary>
    public async Task EnsureImageAsync(string image, CancellationToken ct)
    {
        try { await client.Images.InspectImageAsync(image, ct).ConfigureAwait(false); return; }
        catch (DockerImageNotFoundException) { }
        BuildReport.Current.Information($"Pulling {image} ...");
        var (name, tag) = SplitReference(image);
        var last = DateTime.MinValue;
        var progress = new Progress<JSONMessage>(m =>
        {
            if (m.Error is not null || DateTime.UtcNow - last < TimeSpan.FromSeconds(3)) return;
            last = DateTime.UtcNow;
            BuildReport.Current.Information($"  {m.ID} {m.Status} {m.ProgressMessage}".TrimEnd());
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

    /// <summary>Builds <paramref name="image"/> (FROM its base plus packages) unless the engine has it already.</summary>
    public Task EnsureImageAsync(DerivedImage image, CancellationToken ct) => image.EnsureAsync(client, this, ct);

    /// <summary>Label holding <see cref="SpecHash"/>, so a re-run after a crash recognises a container doing the very same work.</summary>
    public const string SpecLabel = "edge-build.spec";

    /// <summary>A hash of what a container does: image, command, mounts, environment, working directory, user, terminal (not its log, name or labels).</summary>
    public static string SpecHash(ContainerSpec spec)
    {
        static IEnumerable<string> Sorted(string kind, IReadOnlyDictionary<string, string> pairs, char separator) =>
            pairs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kind} {kv.Key}{separator}{kv.Value}");
        return Tooling.FileHash.Sha256OfText(string.Join("\n", [spec.Image, string.Join("\0", spec.Command), .. Sorted("bind", spec.Binds, ':'),
            .. Sorted("volume", spec.Volumes, ':'), .. Sorted("env", spec.Environment, '='), $"workdir {spec.WorkingDirectory}", $"user {spec.User}", $"tty {spec.Tty}"]))[..16];
    }

    /// <summary>Runs the container to completion and returns its exit code; throws on non-zero unless allowed.</summary>
    public async Task<int> RunAsync(ContainerSpec spec, CancellationToken ct)
    {
        var name = $"{spec.NamePrefix}-{Guid.NewGuid().ToString("N")[..10]}";
        var create = new CreateContainerParameters
        {
            Name = name,
            Image = spec.Image,
            Cmd = [.. spec.Command],
            Env = [.. spec.Environment.Select(kv => $"{kv.Key}={kv.Value}")],
            WorkingDir = spec.WorkingDirectory,
            User = spec.User,
            Labels = new Dictionary<string, string>(spec.Labels) { [Label] = "1", [SpecLabel] = SpecHash(spec) },
            Tty = spec.Tty,
            HostConfig = new HostConfig
            {
                Binds = [.. spec.Binds.Select(kv => $"{kv.Key}:{kv.Value}"), .. spec.Volumes.Select(kv => $"{kv.Key}:{kv.Value}")],
            },
        };
        var id = (await client.Containers.CreateContainerAsync(create, ct).ConfigureAwait(false)).ID;
        return await FollowAndRemoveAsync(id, name, spec, start: true, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes over a container an earlier run started for the same <paramref name="spec"/> (still running, or done): its
    /// output from its start goes to the log as if this run had started it, then it is judged and removed like RunAsync's.
    /// </summary>
    public Task<int> AdoptAsync(string id, string name, ContainerSpec spec, CancellationToken ct)
    {
        BuildReport.Current.Information($"Reattaching to {name}: the same work, started by an earlier run that did not finish.");
        return FollowAndRemoveAsync(id, name, spec, start: false, ct);
    }

    private async Task<int> FollowAndRemoveAsync(string id, string name, ContainerSpec spec, bool start, CancellationToken ct)
    {
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
            BuildReport.Current.Debug($"container {name}: {spec.Image} {string.Join(" ", spec.Command)}");
            if (start) await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct).ConfigureAwait(false);
            var follower = new ContainerLogFollower(client, id, name, spec.Tty, spec.OnLine, line =>
            {
                lock (tail) { tail.Enqueue(line); if (tail.Count > TailLines) tail.Dequeue(); }
                log?.WriteLine(Secrets.Mask(line));
                BuildReport.Current.Write(spec.OutputLevel, line);
            }) { ReconnectFor = ReconnectFor };
            var exitCode = (int)await follower.FollowToExitAsync(ct).ConfigureAwait(false);
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
            catch (Exception e) when (e is DockerApiException || ContainerLogFollower.IsConnectionLoss(e, CancellationToken.None))
            {
                BuildReport.Current.Warning($"Could not remove container {name}: {e.Message}. Remove it with: docker rm -f {name}");
            }
        }
    }

    private static (string Name, string Tag) SplitReference(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
