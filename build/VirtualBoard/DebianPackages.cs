using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.VirtualBoard;

/// <summary>Debian packages of a foreign architecture, fetched with apt-get download into a cache and unpacked with dpkg-deb.</summary>
public static class DebianPackages
{
    /// <summary>The package a metapackage depends on first (linux-image-arm64 → linux-image-6.1.0-NN-arm64), or the name itself.</summary>
    public static async Task<string> ResolveAsync(string package, string arch, AptAnswers apt, CancellationToken ct)
    {
        var depends = await apt.AskAsync(["depends", $"{package}:{arch}"], ct);
        var first = depends.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Depends: linux-image-", StringComparison.Ordinal));
        if (depends.Trim().Length == 0)
            throw new BuildException($"apt-cache knows no {package}:{arch}; as root run: dpkg --add-architecture {arch} && apt-get update (or ./build.sh VirtualBoard --install-prerequisites).");
        return first is null ? package : first["Depends: ".Length..].Split(':')[0];
    }

    /// <summary>Downloads <paramref name="packages"/> for <paramref name="arch"/> into <paramref name="cache"/> unless there already; returns the .deb files.</summary>
    public static async Task<IReadOnlyList<string>> DownloadAsync(IEnumerable<string> packages, string arch, AbsolutePath cache, AptAnswers apt, CancellationToken ct)
    {
        cache.CreateDirectory();
        var names = packages.ToList();
        var candidates = Candidates(await apt.AskAsync(["policy", .. names.Select(p => $"{p}:{arch}")], ct));
        var debs = new List<string>();
        foreach (var package in names)
        {
            if (!candidates.TryGetValue($"{package}:{arch}", out var version) || version == "(none)")
                throw new BuildException($"Debian package {package}:{arch} is not available; as root run: dpkg --add-architecture {arch} && apt-get update.");
            var fileVersion = version.Replace(":", "%3a");
            var deb = Directory.GetFiles(cache, $"{package}_*_{arch}.deb").FirstOrDefault(f => DebVersion(f) == fileVersion);
            if (deb is null)
            {
                // apt-get download writes into the working directory.
                await ProcessRunner.RunAsync("apt-get", ["download", "-q", $"{package}:{arch}={version}"], new ProcessOptions { WorkingDirectory = cache }, ct);
                deb = Directory.GetFiles(cache, $"{package}_*_{arch}.deb").FirstOrDefault(f => DebVersion(f) == fileVersion)
                      ?? throw new BuildException($"apt-get download {package}:{arch}={version} left no .deb in {cache}.");
            }
            debs.Add(deb);
        }
        return debs;
    }

    /// <summary>Unpacks each .deb's data into <paramref name="destination"/> (dpkg-deb -x).</summary>
    public static async Task ExtractAsync(IEnumerable<string> debs, AbsolutePath destination, CancellationToken ct)
    {
        destination.CreateDirectory();
        foreach (var deb in debs) await ProcessRunner.RunAsync("dpkg-deb", ["-x", deb, destination], cancellationToken: ct);
    }

    /// <summary>Candidate versions by "package:arch" from one apt-cache policy listing of several packages.</summary>
    public static IReadOnlyDictionary<string, string> Candidates(string policy)
    {
        var candidates = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in policy.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line.EndsWith(':')) current = line[..^1];
            else if (current is not null && line.Trim().StartsWith("Candidate:", StringComparison.Ordinal)) candidates[current] = line.Trim()["Candidate:".Length..].Trim();
        }
        return candidates;
    }

    /// <summary>The version part of package_version_arch.deb.</summary>
    public static string DebVersion(string deb) => Path.GetFileNameWithoutExtension(deb).Split('_')[1];
}
