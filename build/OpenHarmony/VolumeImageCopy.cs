using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using EdgeBuild.Containers;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>
/// Copies built images out of a volume through the archive API, streaming with progress, each verified by size and
/// sha256 against a listing sha256sum made beside the files (in a container on the engine's host).
/// </summary>
public sealed class VolumeImageCopy(VolumeFiles files, ContainerRunner runner)
{
    /// <summary>The volume the images are in.</summary>
    public VolumeFiles Files => files;

    /// <summary>One image as the engine's side lists it.</summary>
    public sealed record Listed(string Name, long Size, string Sha256);

    /// <summary>Size and sha256 of each of <paramref name="names"/> in <paramref name="directory"/> of the volume (absent ones left out).</summary>
    public async Task<IReadOnlyList<Listed>> ListAsync(string directory, IReadOnlyList<string> names, CancellationToken ct)
    {
        const string script = "cd \"$1\" || exit 0; shift; for f in \"$@\"; do [ -f \"$f\" ] && echo \"$(stat -c %s \"$f\") $(sha256sum \"$f\")\"; done; true";
        var lines = await files.RunAsync(runner, ["sh", "-c", script, "sh", directory, .. names], ct).ConfigureAwait(false);
        return [.. lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length == 3).Select(p => new Listed(p[2], long.Parse(p[0]), p[1]))];
    }

    /// <summary>Copies <paramref name="image"/> to <paramref name="target"/> (via a .partial file); fails when size or sha256 differ from the listing.</summary>
    public async Task<CollectedImage> CopyAsync(string directory, Listed image, AbsolutePath target, CancellationToken ct)
    {
        var temp = target + ".partial";
        await using (var archive = await files.OpenArchiveAsync($"{directory}/{image.Name}", ct).ConfigureAwait(false)
            ?? throw new BuildException($"{image.Name} vanished from {directory} in volume {files.Volume} while copying it out."))
        await using (var tar = new TarReader(archive))
        {
            var entry = await tar.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) ?? throw new BuildException($"The engine sent an empty archive for {image.Name}.");
            await using var to = File.Create(temp);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            var clock = Stopwatch.StartNew();
            long copied = 0;
            int read;
            while ((read = await entry.DataStream!.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                hash.AppendData(buffer, 0, read);
                copied += read;
                if (clock.Elapsed > TimeSpan.FromSeconds(5)) { BuildReport.Current.Information($"  {image.Name}: {Progress.Size(copied)} of {Progress.Size(image.Size)}"); clock.Restart(); }
            }
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (copied != image.Size || sha != image.Sha256)
            {
                to.Close();
                File.Delete(temp);
                throw new BuildException($"{image.Name} copied from volume {files.Volume} does not match the engine side's listing: {copied} bytes sha256 {sha}, " +
                    $"expected {image.Size} bytes sha256 {image.Sha256}. The connection broke or the file changed; run BuildOpenHarmony again.");
            }
        }
        File.Move(temp, target, overwrite: true);
        return new CollectedImage(target, image.Sha256, image.Size);
    }
}
