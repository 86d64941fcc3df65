using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;

namespace EdgeBuild.Testing;

/// <summary>A PATH for the fast test tier: a directory of links to every command on PATH except the cross toolchains, qemu and the host tools marked hiddenFromFastTests.</summary>
public static class FastTierPath
{
    /// <summary>The commands the fast tier must run without, from toolchains/*.json and host.json.</summary>
    public static IReadOnlySet<string> HiddenCommands(IEnumerable<Toolchain> toolchains, IEnumerable<HostTool> hostTools) =>
        toolchains.SelectMany(t => new[] { t.Tools.Cc, t.Tools.Cxx, t.Tools.Ar, t.Tools.Ranlib, t.Tools.Strip, t.Qemu })
            .Concat(hostTools.Where(h => h.HiddenFromFastTests).Select(h => h.Command))
            .ToHashSet();

    /// <summary>
    /// Recreates <paramref name="farm"/> with a link per command found on <paramref name="path"/> (first one wins, as a PATH
    /// lookup does), leaving out the hidden commands, anything of a toolchain's triplet, and every other name for a hidden
    /// program (cc and gcc-12 resolve to the same file as gcc); returns the names left out.
    /// </summary>
    public static IReadOnlyList<string> Build(AbsolutePath farm, IEnumerable<string> path, IReadOnlySet<string> hidden, IEnumerable<string> triplets)
    {
        var directories = path.Where(Directory.Exists).Distinct().ToList();
        var prefixes = triplets.Select(t => t + "-").ToList();
        var hiddenTargets = directories.SelectMany(d => hidden.Select(h => Path.Combine(d, h))).Where(File.Exists).Select(Resolve).ToHashSet();
        if (Directory.Exists(farm)) Directory.Delete(farm, recursive: true);
        Directory.CreateDirectory(farm);
        var seen = new HashSet<string>();
        var left = new List<string>();
        foreach (var file in directories.SelectMany(Directory.EnumerateFileSystemEntries))
        {
            var name = Path.GetFileName(file);
            if (!seen.Add(name) || Directory.Exists(file)) continue;
            if (hidden.Contains(name) || prefixes.Any(name.StartsWith) || hiddenTargets.Contains(Resolve(file))) { left.Add(name); continue; }
            File.CreateSymbolicLink(Path.Combine(farm, name), file);
        }
        return left.Order().ToList();
    }

    // A dangling link resolves to itself, so it hides nothing else.
    private static string Resolve(string file) => new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file);
}
