using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Toolchains;

/// <summary>
/// ccache for the cross compiles, by masquerade: a directory of links named like the toolchain's compilers, pointing at
/// ccache, put first on PATH, so every build system that calls &lt;triplet&gt;-gcc goes through it without a recipe knowing.
/// </summary>
public static class CompilerCache
{
    /// <summary>The environment build commands run with: PATH through the masquerade links, ccache's directory and settings; empty when ccache is absent.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(Toolchain toolchain, AbsolutePath ccacheDirectory, AbsolutePath baseDirectory)
    {
        if (ProcessRunner.Which("ccache") is not { } ccache)
        {
            BuildReport.Current.Debug("ccache is absent: cross compiles run without it (apt-get install ccache).");
            return new Dictionary<string, string?>();
        }
        var links = (ccacheDirectory / "masquerade" / toolchain.Name).CreateDirectory();
        // A compiler given by path is called by that path, past PATH: it runs without ccache.
        foreach (var compiler in new[] { toolchain.Tools.Cc, toolchain.Tools.Cxx }.Where(c => !c.Contains('/')))
        {
            var link = links / compiler;
            if (new FileInfo(link).LinkTarget == ccache) continue;
            // Built aside and renamed, so a concurrent build never sees the link missing.
            var temp = links / $".{compiler}.{Guid.NewGuid():N}";
            File.CreateSymbolicLink(temp, ccache);
            File.Move(temp, link, overwrite: true);
        }
        return new Dictionary<string, string?>
        {
            ["PATH"] = $"{links}:{System.Environment.GetEnvironmentVariable("PATH")}",
            ["CCACHE_DIR"] = ccacheDirectory,
            // Paths under the build trees are hashed relative to the tree, so another tree (another input hash, another clone) hits.
            ["CCACHE_BASEDIR"] = baseDirectory,
            // Sources just unpacked carry their tarball's times; generated headers are content-hashed anyway.
            ["CCACHE_SLOPPINESS"] = "include_file_mtime,include_file_ctime",
            ["CCACHE_COMPILERCHECK"] = "content",
            // Depend mode: a miss runs the compiler once and reads the includes from its -MD file, instead of running the
            // preprocessor first (the miss overhead on a cold build; docs/benchmarks-output-cache.md). Kbuild (-Wp,-MD)
            // and automake (-MD) ask for that file; a compile without it falls back to the usual direct mode.
            ["CCACHE_DEPEND"] = "true",
            // Uncompressed: a miss skips the zstd pass (measured cheaper on a cold build, docs/benchmarks-output-cache.md),
            // and actions/cache compresses the directory's archive itself. A cold userland leaves ~40 MB.
            ["CCACHE_NOCOMPRESS"] = "true",
            ["CCACHE_MAXSIZE"] = "2G",
        };
    }
}
