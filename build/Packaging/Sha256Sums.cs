namespace EdgeBuild.Packaging;

/// <summary>SHA256SUMS in the format `sha256sum -c` reads: "&lt;hex&gt;  &lt;relative path&gt;", sorted by path.</summary>
public static class Sha256Sums
{
    /// <summary>File name inside a bundle.</summary>
    public const string FileName = "SHA256SUMS";

    /// <summary>The text for <paramref name="digests"/> (relative path → sha256).</summary>
    public static string Render(IEnumerable<KeyValuePair<string, string>> digests) =>
        string.Concat(digests.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Value}  {d.Key}\n"));
}
