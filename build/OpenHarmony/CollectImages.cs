using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>A copied image: where it is now, its sha256 and size (for the artifact manifest).</summary>
public sealed record CollectedImage(AbsolutePath Path, string Sha256, long Size);

/// <summary>Checks that the version's whole image set was built, then copies it to <paramref name="destination"/> (artifacts/&lt;board&gt;/images).</summary>
public sealed class CollectImages(AbsolutePath destination) : IOhosBuildStep
{
    /// <summary>The images copied by the last run.</summary>
    public IReadOnlyList<CollectedImage> Collected { get; private set; } = [];

    public string Name => "collect-images";

    public async Task RunAsync(OhosBuildOutput output, CancellationToken ct)
    {
        var expected = output.Tree.Version.Images;
        if (output.FromVolume is { } volume) { await CollectFromVolumeAsync(output, volume, ct); return; }
        var missing = expected.Where(i => !(output.ImagesDirectory / i).FileExists()).ToList();
        if (missing.Count > 0)
        {
            var present = output.ImagesDirectory.DirectoryExists()
                ? Directory.GetFiles(output.ImagesDirectory).Select(Path.GetFileName).Order().ToList()
                : [];
            throw new BuildException($"The OpenHarmony {output.Tree.Version.Version} build of {output.Product} is missing {string.Join(", ", missing)} in {output.ImagesDirectory} " +
                $"(present: {(present.Count > 0 ? string.Join(", ", present) : "nothing")}). See the build log {output.LogFile}.");
        }
        destination.CreateDirectory();
        var collected = new List<CollectedImage>();
        foreach (var image in expected)
        {
            var target = destination / image;
            var temp = target + ".partial";
            await using (var from = File.OpenRead(output.ImagesDirectory / image))
            await using (var to = File.Create(temp))
                await from.CopyToAsync(to, ct);
            File.Move(temp, target, overwrite: true);
            await using var read = File.OpenRead(target);
            collected.Add(new CollectedImage(target, await FileHash.Sha256OfStreamAsync(read, ct), read.Length));
        }
        Done(collected);
    }

    private async Task CollectFromVolumeAsync(OhosBuildOutput output, VolumeImageCopy volume, CancellationToken ct)
    {
        var expected = output.Tree.Version.Images;
        var listed = await volume.ListAsync(output.VolumeImagesDirectory!, expected, ct);
        var missing = expected.Where(i => listed.All(l => l.Name != i)).ToList();
        if (missing.Count > 0)
            throw new BuildException($"The OpenHarmony {output.Tree.Version.Version} build of {output.Product} is missing {string.Join(", ", missing)} in " +
                $"{output.VolumeImagesDirectory} of volume {output.Tree.Volume} (present: {string.Join(", ", listed.Select(l => l.Name))}). See the build log {output.LogFile}.");
        destination.CreateDirectory();
        var collected = new List<CollectedImage>();
        foreach (var image in expected.Select(i => listed.First(l => l.Name == i)))
        {
            BuildReport.Current.Information($"Copying {image.Name} ({Progress.Size(image.Size)}) out of volume {output.Tree.Volume}");
            collected.Add(await volume.CopyAsync(output.VolumeImagesDirectory!, image, destination / image.Name, ct));
        }
        Done(collected);
    }

    private void Done(List<CollectedImage> collected)
    {
        Collected = collected;
        BuildReport.Current.Information($"Copied {collected.Count} images to {destination}");
        BuildReport.Current.Note($"{collected.Count} images in {destination}");
    }
}
