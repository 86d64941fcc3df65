using System.Text.Json;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>The binaries one Docker static release family ships, from version <see cref="From"/> on.</summary>
public sealed record DockerStaticFamily(string From, IReadOnlyList<string> Binaries);

/// <summary>targets/docker-static-files.json: the expected docker/ contents per version family.</summary>
public sealed record DockerStaticFileSets(IReadOnlyList<DockerStaticFamily> Families)
{
    /// <summary>Reads the data file.</summary>
    public static DockerStaticFileSets Load(string file)
    {
        if (!File.Exists(file)) throw new BuildException($"{file} is missing: it lists the binaries each Docker static version family ships.");
        return DataJson.Read<DockerStaticFileSets>(file, "list of Docker static binaries per version family");
    }

    /// <summary>The family of <paramref name="version"/>: the highest From not above it.</summary>
    public DockerStaticFamily For(string version)
    {
        var v = Parse(version);
        return Families.Where(f => Parse(f.From) <= v).MaxBy(f => Parse(f.From))
            ?? throw new BuildException($"Docker {version} is older than every family in docker-static-files.json ({string.Join(", ", Families.Select(f => f.From))}); add its file set.");
    }

    private static Version Parse(string version)
    {
        var numeric = new string(version.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).Trim('.');
        return System.Version.TryParse(numeric.Contains('.') ? numeric : numeric + ".0", out var v) ? v
            : throw new BuildException($"'{version}' is not a Docker version (like 18.09.2).");
    }
}
