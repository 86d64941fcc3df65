using System.Text.Json;
using EdgeBuild.Fetching;
using EdgeBuild.Pins;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Mirroring;

/// <summary>One file of a mirror directory: its name there, what it is and its sha256.</summary>
public sealed record MirrorEntry(string File, string What, string Sha256);

/// <summary>
/// Fills a mirror directory for air-gapped builds (Buildroot's `make source`): every pinned file by its upstream name
/// (verified), `docker save` of the images, the lock file and index.json. Resumable: files already there with the
/// right bytes are kept; a file with other bytes is never overwritten.
/// </summary>
public sealed class MirrorExporter(AbsolutePath mirrorDirectory, SourceFetcher fetcher)
{
    /// <summary>The index's name in the mirror directory.</summary>
    public const string IndexFile = "index.json";
    /// <summary>The lock file's name in the mirror (where --sources-dir looks for it).</summary>
    public const string LockFileName = "pins.lock.json";
    /// <summary>Folder of the saved images.</summary>
    public const string ImagesFolder = "images";

    /// <summary>Copies every pinned file, the images present in the local engine and the lock file; writes the index.</summary>
    public async Task<IReadOnlyList<MirrorEntry>> ExportAsync(IReadOnlyList<(Pin Pin, PinFile File)> files, IReadOnlyList<string> images,
        string? lockFile, CancellationToken ct)
    {
        Directory.CreateDirectory(mirrorDirectory);
        var entries = new List<MirrorEntry>();
        var total = files.Count + images.Count + 1;
        var step = 0;
        foreach (var (pin, file) in files)
        {
            BuildReport.Current.Information($"[{++step}/{total}] {pin.Name} {file.FileName}");
            var local = await fetcher.FetchAsync(pin, file, ct);
            var sha256 = await FileHash.Sha256Async(local, ct);
            await PlaceAsync(local, file.FileName, sha256, ct);
            entries.Add(new MirrorEntry(file.FileName, $"{pin.Name} {pin.Version}", sha256));
        }
        foreach (var image in images)
        {
            BuildReport.Current.Information($"[{++step}/{total}] image {image}");
            if (await SaveImageAsync(image, ct) is { } entry) entries.Add(entry);
        }
        BuildReport.Current.Information($"[{++step}/{total}] lock file and index");
        if (lockFile is not null && File.Exists(lockFile))
        {
            await PlaceAsync(lockFile, LockFileName, await FileHash.Sha256Async(lockFile, ct), ct, replaceable: true);
            entries.Add(new MirrorEntry(LockFileName, "first-use sha256 lock file", await FileHash.Sha256Async(lockFile, ct)));
        }
        Files.WriteAtomically(mirrorDirectory / IndexFile, JsonSerializer.Serialize(new { files = entries }, DataJson.Options) + "\n");
        return entries;
    }

    // Copies source to mirror/name unless the same bytes are there; other bytes there fail (the lock file may grow: replaceable).
    private async Task PlaceAsync(string source, string name, string sha256, CancellationToken ct, bool replaceable = false)
    {
        var target = mirrorDirectory / name;
        if (File.Exists(target))
        {
            var there = await FileHash.Sha256Async(target, ct);
            if (there == sha256) { BuildReport.Current.Information($"  {name}: already in the mirror"); return; }
            if (!replaceable)
                throw new BuildException($"{target} is already in the mirror with other bytes (sha256 {there}, expected {sha256}). Remove it or use another --mirror-dir; it is not overwritten.");
        }
        File.Copy(source, target + ".part", overwrite: true);
        File.Move(target + ".part", target, overwrite: true);
        BuildReport.Current.Information($"  {name}: copied ({Progress.Size(new FileInfo(target).Length)})");
    }

    private async Task<MirrorEntry?> SaveImageAsync(string image, CancellationToken ct)
    {
        var present = await ProcessRunner.RunAsync("docker", ["image", "inspect", "--format", "{{.Id}}", image], new ProcessOptions { CaptureOutput = true, AllowFailure = true }, ct);
        if (present.ExitCode != 0)
        {
            BuildReport.Current.Warning($"Image {image} is not in the local Docker engine, so the mirror lacks it: `docker pull {image}` and run Mirror again.");
            return null;
        }
        var name = Path.Combine(ImagesFolder, string.Concat(image.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')) + ".tar");
        var target = mirrorDirectory / name;
        var id = present.StandardOutput.Trim();
        if (File.Exists(target) && File.Exists(target + ".id") && File.ReadAllText(target + ".id").Trim() == id)
            BuildReport.Current.Information($"  {name}: already in the mirror");
        else
        {
            if (File.Exists(target) && File.Exists(target + ".id"))
                throw new BuildException($"{target} holds another build of {image} ({File.ReadAllText(target + ".id").Trim()}, local {id}). Remove it or use another --mirror-dir; it is not overwritten.");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await ProcessRunner.RunAsync("docker", ["save", "-o", target + ".part", image], new ProcessOptions(), ct);
            File.Move(target + ".part", target, overwrite: true);
            await File.WriteAllTextAsync(target + ".id", id + "\n", ct);
            BuildReport.Current.Information($"  {name}: saved ({Progress.Size(new FileInfo(target).Length)})");
        }
        return new MirrorEntry(name, $"image {image} {id}", await FileHash.Sha256Async(target, ct));
    }

    /// <summary>`docker load`s each image of a mirror's index that the local engine lacks (the air-gapped side).</summary>
    public static async Task LoadMissingImagesAsync(AbsolutePath mirror, CancellationToken ct)
    {
        if (!(mirror / IndexFile).FileExists()) return;
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(mirror / IndexFile, ct));
        foreach (var entry in index.RootElement.GetProperty("files").EnumerateArray())
        {
            var what = entry.GetProperty("what").GetString() ?? "";
            if (!what.StartsWith("image ")) continue;
            var image = what.Split(' ')[1];
            var present = await ProcessRunner.RunAsync("docker", ["image", "inspect", image], new ProcessOptions { AllowFailure = true }, ct);
            if (present.ExitCode == 0) continue;
            BuildReport.Current.Information($"Loading {image} from {mirror / entry.GetProperty("file").GetString()!}");
            await ProcessRunner.RunAsync("docker", ["load", "-i", mirror / entry.GetProperty("file").GetString()!], new ProcessOptions(), ct);
        }
    }
}
