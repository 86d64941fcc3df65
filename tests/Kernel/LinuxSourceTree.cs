using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Kernel;

/// <summary>
/// Debian's linux-source-6.1, reduced to what olddefconfig needs (Kconfig files, Makefiles, scripts/), extracted
/// once into a cached temp dir keyed by the tarball's size and date, plus an arm64 allnoconfig as the base config.
/// </summary>
public sealed class LinuxSourceTree
{
    /// <summary>The tarball apt-get install linux-source-6.1 puts in place.</summary>
    public const string Tarball = "/usr/src/linux-source-6.1.tar.xz";

    /// <summary>The extracted tree.</summary>
    public string Source { get; }

    /// <summary>An arm64 allnoconfig of that tree: NET, NETFILTER and friends are off.</summary>
    public string AllNoConfig { get; }

    /// <summary>A build directory for olddefconfig runs (its conf tool is compiled once).</summary>
    public string BuildDirectory { get; }

    public LinuxSourceTree()
    {
        if (!File.Exists(Tarball))
            throw new InvalidOperationException($"{Tarball} is missing: run `apt-get install -y linux-source-6.1` (listed in toolchains/host.json).");
        var info = new FileInfo(Tarball);
        var cache = Path.Combine(Path.GetTempPath(), $"edgebuild-linux-source-6.1-kconfig-{info.Length}-{info.LastWriteTimeUtc.Ticks}");
        Source = Path.Combine(cache, "linux-source-6.1");
        AllNoConfig = Path.Combine(cache, "allnoconfig.config");
        BuildDirectory = Path.Combine(cache, "explain-build");
        if (File.Exists(Path.Combine(cache, ".complete"))) return;
        var staging = cache + ".staging-" + Environment.ProcessId;
        Directory.CreateDirectory(staging);
        Run("tar", ["-xJf", Tarball, "-C", staging, "--wildcards", "*/Kconfig*", "*/Makefile*", "linux-source-6.1/scripts/*"]);
        var allno = Path.Combine(staging, "allno");
        Run("make", ["-C", Path.Combine(staging, "linux-source-6.1"), $"O={allno}", "ARCH=arm64", "allnoconfig"]);
        File.Copy(Path.Combine(allno, ".config"), Path.Combine(staging, "allnoconfig.config"));
        Directory.Delete(allno, recursive: true);
        File.WriteAllText(Path.Combine(staging, ".complete"), Tarball);
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        Directory.Move(staging, cache);
    }

    private static void Run(string command, string[] args) =>
        ProcessRunner.RunAsync(command, args, new ProcessOptions(), CancellationToken.None).GetAwaiter().GetResult();
}
