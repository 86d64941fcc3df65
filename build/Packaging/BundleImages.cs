using EdgeBuild.Extraction;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>The OpenHarmony images a bundle takes from its images directory (--ohos-images or BuildOpenHarmony's).</summary>
public static class BundleImages
{
    /// <summary>
    /// The real file of each image, refusing any that is a symlink leading out of <paramref name="directory"/> or is not a
    /// regular file (a device, a fifo, a directory): the bundle and its SHA256SUMS must only carry the board's images.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Resolve(string directory, IEnumerable<string> images)
    {
        var tree = new ConfinedTree(directory);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var refused = new List<string>();
        foreach (var image in images)
        {
            var real = tree.Resolve(image);
            if (real is null) refused.Add($"{image} (a link leading outside the directory)");
            else if (FileKinds.Of(real) is var kind && kind != FileKind.Regular) refused.Add($"{image} ({(kind == FileKind.Directory ? "a directory" : "not a regular file")})");
            else files[image] = real;
        }
        if (refused.Count > 0)
            throw new BuildException($"{directory} holds images the bundle refuses: {string.Join(", ", refused)}; put the real image files there (copies, or links to files inside it), then run again.");
        return files;
    }
}
