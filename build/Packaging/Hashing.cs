using System.Security.Cryptography;

namespace EdgeBuild.Packaging;

/// <summary>File digests as the manifests and SHA256SUMS write them.</summary>
public static class Hashing
{
    /// <summary>Lower-case hex sha256 of the file at <paramref name="path"/>.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken ct = default)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
