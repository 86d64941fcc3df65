using System.Text;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.VirtualBoard;

/// <summary>Orders kernel modules for insmod: each module's depends= (from its .modinfo) before the module itself.</summary>
public static class KernelModules
{
    /// <summary>
    /// Paths relative to <paramref name="modulesRoot"/> (lib/modules) of <paramref name="wanted"/> and their dependencies,
    /// dependencies first. .ko.xz files are decompressed in place, since busybox insmod loads plain .ko files.
    /// </summary>
    public static async Task<IReadOnlyList<string>> LoadOrderAsync(AbsolutePath modulesRoot, IEnumerable<string> wanted, CancellationToken ct)
    {
        var release = Directory.GetDirectories(modulesRoot).Single();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(release, "*.ko*", SearchOption.AllDirectories))
            byName[Normalize(Path.GetFileName(file).Split(".ko")[0])] = file;
        var order = new List<string>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        async Task VisitAsync(string name, string neededBy)
        {
            var key = Normalize(name);
            if (order.Any(o => Normalize(Path.GetFileName(o).Split(".ko")[0]) == key) || !visiting.Add(key)) return;
            if (!byName.TryGetValue(key, out var file))
                throw new BuildException($"Kernel module {name} ({neededBy}) is not in {release}: built into this kernel or misspelt? Remove it from the virtual board's modules list.");
            if (file.EndsWith(".xz", StringComparison.Ordinal))
            {
                await ProcessRunner.RunAsync("xz", ["-d", "-f", file], cancellationToken: ct);
                file = file[..^3];
                byName[key] = file;
            }
            foreach (var dependency in Depends(await File.ReadAllBytesAsync(file, ct))) await VisitAsync(dependency, $"needed by {name}");
            order.Add(Path.GetRelativePath(modulesRoot, file));
        }
        foreach (var name in wanted) await VisitAsync(name, "in the modules list");
        return order;
    }

    /// <summary>The depends= field of a module's .modinfo section (NUL-separated key=value strings).</summary>
    public static IReadOnlyList<string> Depends(byte[] module)
    {
        var marker = Encoding.ASCII.GetBytes("\0depends=");
        var start = module.AsSpan().IndexOf(marker);
        if (start < 0) return [];
        start += marker.Length;
        var end = module.AsSpan(start).IndexOf((byte)0);
        var value = Encoding.ASCII.GetString(module, start, end);
        return value.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    // The kernel treats - and _ in module names alike.
    private static string Normalize(string name) => name.Replace('-', '_');
}
