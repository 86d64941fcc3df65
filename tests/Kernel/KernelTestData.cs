using EdgeBuild.Tests.Support;
using System.IO.Compression;

namespace EdgeBuild.Tests.Kernel;

/// <summary>Where the kernel tests find the repository, the real OpenHarmony defconfigs and scratch space.</summary>
internal static class KernelTestData
{
    /// <summary>targets/ of the repository.</summary>
    public static string TargetsDirectory => Path.Combine(RepositoryRoot.Path, "targets");

    /// <summary>The Docker + KubeEdge fragment.</summary>
    public static string Fragment => Path.Combine(RepositoryRoot.Path, "patches", "kernel", "docker-kubeedge.config");

    /// <summary>
    /// The real rk3568 defconfigs (tests/data/openharmony in the repository, or $OHOS_KERNEL_DATA);
    /// a test that needs them fails with where to put them.
    /// </summary>
    public static string Defconfig(string ohosVersion)
    {
        var dir = Environment.GetEnvironmentVariable("OHOS_KERNEL_DATA") is { Length: > 0 } env ? env
            : Path.Combine(RepositoryRoot.Path, "tests", "data", "openharmony");
        var file = dir is null ? null : Path.Combine(dir, $"rk3568_standard_defconfig.v{ohosVersion}");
        if (file is null || !File.Exists(file))
            throw new InvalidOperationException($"The real OpenHarmony {ohosVersion} rk3568 defconfig is missing: put rk3568_standard_defconfig.v{ohosVersion} " +
                "in tests/data/openharmony or set OHOS_KERNEL_DATA to its folder.");
        return file;
    }

    /// <summary>A fresh temp directory, deleted by <see cref="TempDirectory.Dispose"/>.</summary>
    public static TempDirectory NewTemp() => new();

    /// <summary>gzip of <paramref name="bytes"/>.</summary>
    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>Config lines as grep sees them: CONFIG_X → "y", "m", or "n" for "is not set"; the regexes are the test's own.</summary>
    public static Dictionary<string, string> GrepStates(string path)
    {
        var states = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(path))
        {
            var set = System.Text.RegularExpressions.Regex.Match(line, @"^(CONFIG_\w+)=(.*)$");
            if (set.Success) states[set.Groups[1].Value] = set.Groups[2].Value;
            var off = System.Text.RegularExpressions.Regex.Match(line, @"^# (CONFIG_\w+) is not set$");
            if (off.Success) states[off.Groups[1].Value] = "n";
        }
        return states;
    }
}
