using System.Text;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Recipes;

/// <summary>
/// A component's patches/&lt;component&gt;/ folder: NNNN-*.patch applied in order with patch -p1, plus any
/// other files there (config fragments) that the recipe reads. Each patch says why in its header and has
/// an "Upstream:" line, which ends up in the manifest.
/// </summary>
public sealed class PatchSet(AbsolutePath directory)
{
    /// <summary>The folder.</summary>
    public AbsolutePath Directory => directory;

    /// <summary>The *.patch files, in name order.</summary>
    public IReadOnlyList<string> Patches => directory.DirectoryExists()
        ? System.IO.Directory.GetFiles(directory, "*.patch").Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>A hash over every file's name and bytes (but <paramref name="except"/>): a changed, added or removed patch changes it.</summary>
    public string Hash(string? except = null)
    {
        var text = new StringBuilder();
        if (directory.DirectoryExists())
            foreach (var file in System.IO.Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                         .Where(f => Path.GetRelativePath(directory, f) != except))
                text.Append(Path.GetRelativePath(directory, file)).Append('=').AppendLine(FileHash.Sha256(file));
        return FileHash.Sha256OfText(text.ToString());
    }

    /// <summary>Manifest lines: "0001-x.patch (Upstream: ...)".</summary>
    public IReadOnlyList<string> Describe() => Patches.Select(p =>
        $"{Path.GetFileName(p)} (Upstream: {File.ReadLines(p).FirstOrDefault(l => l.StartsWith("Upstream:", StringComparison.OrdinalIgnoreCase))?["Upstream:".Length..].Trim() ?? "not stated"})").ToList();

    /// <summary>Applies every patch to <paramref name="sourceDirectory"/>; a patch that does not apply fails naming it.</summary>
    public async Task ApplyAsync(string sourceDirectory, string logFile, CancellationToken ct)
    {
        foreach (var patch in Patches)
        {
            BuildReport.Current.Information($"Applying {Path.GetFileName(patch)}");
            await ProcessRunner.RunAsync("patch", ["-p1", "--forward", "--batch", "--no-backup-if-mismatch", "-i", patch],
                new ProcessOptions { WorkingDirectory = sourceDirectory, LogFile = logFile }, ct);
        }
    }
}
