using System.Text;
using EdgeBuild.Tooling;

namespace EdgeBuild.Engine;

/// <summary>
/// One lock per declared output (file or directory) of a target, taken by the engine before the up-to-date check,
/// so two builds writing the same outputs take turns; the waiting one says whom it waits for.
/// </summary>
public sealed class OutputLocks(AbsolutePath artifactsDirectory, AbsolutePath temporaryDirectory)
{
    /// <summary>Folder of lock files inside the artifacts root (shared by every checkout using that root).</summary>
    public const string DirectoryName = ".locks";

    /// <summary>Locks every output of <paramref name="run"/>, in a fixed order (no deadlock between two runs).</summary>
    public async Task<IDisposable> AcquireAsync(TargetRun run, IEnumerable<string> outputs, CancellationToken ct)
    {
        var held = new List<IDisposable>();
        try
        {
            foreach (var output in outputs.Select(o => Path.GetFullPath(o).TrimEnd('/')).Distinct().Order(StringComparer.Ordinal))
            {
                var lockFile = LockFileFor(output);
                var holder = lockFile + ".holder";
                held.Add(await FileLock.AcquireAsync(lockFile, ct, () =>
                    Log.Information($"waiting for {(File.Exists(holder) ? File.ReadAllText(holder).Trim() : "another build")} (it writes {output})")));
                Files.WriteAtomically(holder, $"{Environment.ProcessId}/{run.Name}\n");
            }
            return new Releaser(held);
        }
        catch
        {
            foreach (var l in held) l.Dispose();
            throw;
        }
    }

    private string LockFileFor(string output)
    {
        var name = FileHash.Sha256OfText(output)[..16] + ".lock";
        var inArtifacts = output.StartsWith(((string)artifactsDirectory).TrimEnd('/') + "/", StringComparison.Ordinal);
        return inArtifacts ? artifactsDirectory / DirectoryName / name : temporaryDirectory / "locks" / name;
    }

    private sealed class Releaser(List<IDisposable> held) : IDisposable
    {
        public void Dispose() { foreach (var l in held) l.Dispose(); }
    }
}
