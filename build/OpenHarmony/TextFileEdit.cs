using System.Text;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>The shared mechanics of a text patch: read, transform, record the hashes, then write atomically or show the diff.</summary>
public static class TextFileEdit
{
    /// <summary>Runs <paramref name="transform"/> over <paramref name="relativePath"/> in the tree; writes only when it changed and this is no dry run.</summary>
    public static FileChange Apply(string patch, OhosTree tree, string relativePath, Func<string, string> transform, bool dryRun)
    {
        var path = tree.Root / relativePath;
        if (!path.FileExists())
            throw new BuildException($"{patch}: {relativePath} does not exist in {tree.Root}. Expected an OpenHarmony {tree.Version.Version} tree " +
                "(wrong --ohos-source, or another version: pass --ohos-version).");
        var bytes = File.ReadAllBytes(path);
        var before = Encoding.UTF8.GetString(bytes);
        var after = transform(before);
        var afterBytes = after == before ? bytes : Encoding.UTF8.GetBytes(after);
        var change = new FileChange(patch, relativePath, FileHash.Sha256OfBytes(bytes), FileHash.Sha256OfBytes(afterBytes));
        if (!change.Changed)
        {
            BuildReport.Current.Information($"{patch}: {relativePath} already patched");
            return change;
        }
        if (dryRun)
        {
            var diff = TextDiff.Unified($"a/{relativePath}", $"b/{relativePath}", before, after);
            BuildReport.Current.Information($"{patch}: would change {relativePath} (dry run, nothing written):\n{diff}");
            return change with { Diff = diff };
        }
        // Keep the file's mode: build scripts are executable.
        var mode = OperatingSystem.IsWindows() ? (UnixFileMode?)null : File.GetUnixFileMode(path);
        Files.WriteAtomically(path, stream => stream.Write(afterBytes), mode);
        BuildReport.Current.Information($"{patch}: patched {relativePath}");
        return change;
    }
}
