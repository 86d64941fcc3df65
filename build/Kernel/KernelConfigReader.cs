using System.IO.Compression;
using System.Text;
using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel;

/// <summary>
/// Reads a kernel config from whatever the user has: a .config or defconfig, a config.gz, or a kernel/boot
/// image (raw or gzip'd arm64 Image, Android boot image, FIT image, ext2 boot partition) carrying IKCONFIG.
/// </summary>
public static class KernelConfigReader
{
    // kernel/configs.c brackets the gzip'd config with these markers; scripts/extract-ikconfig looks for the
    // start marker followed by the gzip magic, as done here.
    private static readonly byte[] StartMarker = [(byte)'I', (byte)'K', (byte)'C', (byte)'F', (byte)'G', (byte)'_', (byte)'S', (byte)'T', 0x1f, 0x8b, 0x08];
    private static readonly byte[] EndMarker = "IKCFG_ED"u8.ToArray();
    private static readonly byte[] GzipMagic = [0x1f, 0x8b, 0x08];
    // A decompressed kernel Image is tens of MiB; this bounds what a false gzip hit can cost.
    private const int MaxInflatedBytes = 256 << 20;

    /// <summary>Reads the config in <paramref name="path"/>; fails naming the file and the formats tried.</summary>
    public static KernelConfig Read(string path)
    {
        if (!File.Exists(path)) throw new BuildException($"Kernel config {path} does not exist; pass a .config, defconfig, config.gz or kernel/boot image.");
        var bytes = File.ReadAllBytes(path);
        return FromBytes(bytes, path, depth: 0)
            ?? throw new BuildException($"No kernel config found in {path}: it is not config text, not a gzip'd config, and holds no IKCONFIG " +
                "(IKCFG_ST…IKCFG_ED) in its raw bytes or in any gzip stream inside it. Build the kernel with CONFIG_IKCONFIG=y, " +
                "or pass the .config; lz4/zstd-compressed images are not searched.");
    }

    private static KernelConfig? FromBytes(byte[] bytes, string source, int depth)
    {
        if (IsConfigText(bytes)) return KernelConfig.Parse(Encoding.UTF8.GetString(bytes), source);
        if (Embedded(bytes, source) is { } embedded) return embedded;
        if (depth > 0) return null;
        if (bytes.AsSpan().StartsWith(GzipMagic))
            return Inflate(bytes, 0) is { } whole ? FromBytes(whole, source, depth + 1) : null;
        // An Image.gz inside a boot or FIT image: try each gzip header until one holds the config.
        for (var at = bytes.AsSpan().IndexOf(GzipMagic); at >= 0;)
        {
            if (Inflate(bytes, at) is { } inner && FromBytes(inner, source, depth + 1) is { } found) return found;
            var next = bytes.AsSpan(at + 1).IndexOf(GzipMagic);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return null;
    }

    private static KernelConfig? Embedded(byte[] bytes, string source)
    {
        var start = bytes.AsSpan().IndexOf(StartMarker);
        if (start < 0) return null;
        var gzipAt = start + 8;
        var end = bytes.AsSpan(gzipAt).IndexOf(EndMarker);
        var length = end < 0 ? bytes.Length - gzipAt : end;
        var inflated = Inflate(bytes.AsSpan(gzipAt, length).ToArray(), 0)
            ?? throw new BuildException($"{source} has an IKCFG_ST marker but the gzip data after it is corrupt.");
        return KernelConfig.Parse(Encoding.UTF8.GetString(inflated), source);
    }

    private static byte[]? Inflate(byte[] bytes, int offset)
    {
        using var output = new MemoryStream();
        try
        {
            using var input = new GZipStream(new MemoryStream(bytes, offset, bytes.Length - offset), CompressionMode.Decompress);
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > MaxInflatedBytes) return null;
            }
        }
        // Data after the stream (the rest of a boot image) is not gzip; what was inflated before it is kept.
        catch (InvalidDataException) { }
        return output.Length > 0 ? output.ToArray() : null;
    }

    // Config text is printable; a binary image never is. A text without CONFIG_ lines (all defaults) is still a config.
    private static bool IsConfigText(byte[] bytes) =>
        IsPrintable(bytes.AsSpan(0, Math.Min(bytes.Length, 4096)))
        && (bytes.AsSpan().IndexOf("CONFIG_"u8) >= 0 || IsPrintable(bytes));

    private static bool IsPrintable(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)) return false;
        return true;
    }
}
