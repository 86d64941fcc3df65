using System.Security.Cryptography;
using System.Text;

namespace EdgeBuild.Tooling;

/// <summary>sha256 as lower-case hex, the form pins, manifests and SHA256SUMS carry.</summary>
public static class FileHash
{
    /// <summary>The sha256 of <paramref name="path"/>'s bytes.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>The sha256 of <paramref name="path"/>'s bytes (small files, synchronous callers).</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The sha256 of <paramref name="bytes"/>.</summary>
    public static string Sha256OfBytes(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The sha256 of what is left to read in <paramref name="stream"/>.</summary>
    public static async Task<string> Sha256OfStreamAsync(Stream stream, CancellationToken ct = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));

    /// <summary>The sha256 of <paramref name="text"/> as UTF-8.</summary>
    public static string Sha256OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
