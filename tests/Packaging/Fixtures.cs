using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EdgeBuild.Tests.Support;

namespace EdgeBuild.Tests.Packaging;

/// <summary>Inputs for the packaging tests: real static cross-compiled ELF files, docker-like tarballs, pins files.</summary>
public static class Fixtures
{
    /// <summary>rwxr-xr-x.</summary>
    public const UnixFileMode Exec = (UnixFileMode)0b111_101_101;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, byte[]> Compiled = [];

    /// <summary>device/&lt;name&gt; in the repository.</summary>
    public static string Device(string name) => Path.Combine(RepositoryRoot.Path, "device", name);

    /// <summary>Writes a file with a mode (parents created) and returns its path.</summary>
    public static string Write(this TempDirectory dir, string relative, string content, UnixFileMode mode)
    {
        var file = dir.Write(relative, content);
        File.SetUnixFileMode(file, mode);
        return file;
    }

    /// <summary>A static "hello" for <paramref name="compiler"/> (aarch64-linux-gnu-gcc, arm-linux-gnueabihf-gcc, gcc), compiled once per run.</summary>
    public static async Task<byte[]> StaticElfAsync(string compiler = "aarch64-linux-gnu-gcc")
    {
        await Gate.WaitAsync();
        try
        {
            if (Compiled.TryGetValue(compiler, out var bytes)) return bytes;
            using var dir = new TempDirectory();
            var source = dir.Write("hello.c", "int main(void) { return 0; }\n");
            var (code, _, error) = await Processes.RunAsync(compiler, ["-static", "-Os", "-s", "-o", dir["hello"], source]);
            if (code != 0) throw new InvalidOperationException($"{compiler} failed ({error.Trim()}); install it: apt-get install gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf");
            return Compiled[compiler] = await File.ReadAllBytesAsync(dir["hello"]);
        }
        finally { Gate.Release(); }
    }

    /// <summary>
    /// A static ELF padded with <paramref name="mib"/> MiB of random bytes (incompressible: the unpacker refuses a tarball
    /// that expands too far): Docker sets built from it take a while to unpack, hash and store, so concurrent runs overlap.
    /// </summary>
    public static async Task<byte[]> PaddedStaticElfAsync(int mib)
    {
        var padding = new byte[mib << 20];
        new Random(16).NextBytes(padding);
        return [.. await StaticElfAsync(), .. padding];
    }

    /// <summary>The ELF with a distinct tail, so each fixture binary has its own sha256 and still runs.</summary>
    public static byte[] Variant(byte[] elf, string name) => [.. elf, .. Encoding.ASCII.GetBytes(name)];

    /// <summary>A docker-&lt;version&gt;.tgz laid out like Docker's: docker/&lt;binary&gt; for each name.</summary>
    public static async Task<string> DockerTarballAsync(string directory, string version, IEnumerable<string> binaries, byte[]? elf = null)
    {
        elf ??= await StaticElfAsync();
        var path = Path.Combine(directory, $"docker-{version}.tgz");
        await using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu))
        {
            await tar.WriteEntryAsync(new GnuTarEntry(TarEntryType.Directory, "docker/") { Mode = Exec });
            foreach (var name in binaries)
                await tar.WriteEntryAsync(new GnuTarEntry(TarEntryType.RegularFile, $"docker/{name}") { Mode = Exec, DataStream = new MemoryStream(Variant(elf, name)) });
        }
        return path;
    }

    /// <summary>A --pins file pinning docker-static to <paramref name="tarball"/> (version, sha256, arm64).</summary>
    public static string DockerPins(string directory, string tarball, string version)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tarball)));
        var path = Path.Combine(directory, "pins.json");
        File.WriteAllText(path, $$"""
            { "docker-static": { "version": "{{version}}", "license": "Apache-2.0",
              "files": [ { "fileName": "{{Path.GetFileName(tarball)}}", "sha256": "{{sha}}", "arch": "arm64",
                           "hashSource": "computed by the test", "urls": ["https://download.docker.com/linux/static/stable/aarch64/{{Path.GetFileName(tarball)}}"] } ] } }
            """);
        return path;
    }
}
