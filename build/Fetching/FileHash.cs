using System.Security.Cryptography;

namespace EdgeBuild.Fetching;

/// <summary>sha256 of files, as lower-case hex (the form pins carry).</summary>
public static class FileHash
{
    /// <summary>The sha256 of <paramref name="path"/>'s bytes.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
