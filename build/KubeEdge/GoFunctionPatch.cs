using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>
/// A patches/kubeedge/NNNN-what.gofunc file: a '#' header (Why, Upstream, File, Signature) and a Go function that
/// replaces, as a whole, the function with that signature in that file. Whole-function replacement works across
/// vendored versions whose bodies differ, where a line diff would not apply.
/// </summary>
public sealed record GoFunctionPatch(string Name, string File, string Signature, string Upstream, string Replacement)
{
    /// <summary>Reads one .gofunc file, failing with its name when a header field is missing.</summary>
    public static GoFunctionPatch Load(string path)
    {
        var lines = System.IO.File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
        var header = lines.TakeWhile(l => l.StartsWith('#')).ToList();
        string Field(string name) => header.Select(l => l.TrimStart('#').Trim())
            .FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim()
            ?? throw new BuildException($"Patch {path} has no '# {name}:' header line.");
        var body = string.Join("\n", lines.Skip(header.Count).SkipWhile(string.IsNullOrWhiteSpace)).TrimEnd() + "\n";
        return new GoFunctionPatch(Path.GetFileName(path), Field("File"), Field("Signature"), Field("Upstream"), body);
    }

    /// <summary>
    /// Replaces the function in <paramref name="tree"/>; a second run changes nothing and says "already patched".
    /// With <paramref name="dryRun"/> it only reports what it would do.
    /// </summary>
    public FileChange Apply(string tree, string version, bool dryRun = false)
    {
        var path = Path.Combine(tree, File);
        if (!System.IO.File.Exists(path))
            throw new BuildException($"Patch {Name} for KubeEdge {version}: {File} does not exist in {tree}. Is this a KubeEdge source tree with vendor/?");
        var before = FileHash.Sha256(path);
        var source = System.IO.File.ReadAllText(path);
        var span = GoSource.FindFunction(source, Signature)
            ?? throw new BuildException($"Patch {Name} for KubeEdge {version}: '{Signature}' not found in {path}. " +
                "The vendored code changed shape; update the patch's Signature or File.");
        var current = source.Substring(span.Start, span.Length) + "\n";
        if (current == Replacement)
        {
            BuildReport.Current.Information($"{File}: {FunctionName} already patched ({Name}).");
            return new FileChange(Name, File, before, before) { Description = $"{FunctionName} already patched" };
        }
        var patched = source[..span.Start] + Replacement.TrimEnd('\n') + source[span.End..];
        if (dryRun)
        {
            BuildReport.Current.Information($"{File}: would replace {FunctionName} ({Name}).");
            return new FileChange(Name, File, before, FileHash.Sha256OfText(patched)) { Description = $"would replace {FunctionName}" };
        }
        System.IO.File.WriteAllText(path, patched);
        BuildReport.Current.Information($"{File}: replaced {FunctionName} ({Name}).");
        return new FileChange(Name, File, before, FileHash.Sha256(path)) { Description = $"replaced {FunctionName}" };
    }

    private string FunctionName => Signature.Split(' ', '(')[1];
}
