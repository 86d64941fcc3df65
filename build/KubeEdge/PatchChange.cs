namespace EdgeBuild.KubeEdge;

/// <summary>What one patch step did to one file: its hashes before and after (equal when it was already patched).</summary>
public sealed record PatchChange(string Patch, string File, string Sha256Before, string Sha256After, string Description)
{
    /// <summary>True when the file's bytes changed.</summary>
    public bool Changed => Sha256Before != Sha256After;

    /// <summary>Lower-case hex sha256 of a file's bytes.</summary>
    public static string HashOf(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(path)));

    /// <summary>sha256 of <paramref name="text"/> as File.WriteAllText stores it (UTF-8, no BOM): a dry run's "after".</summary>
    public static string HashOfText(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new System.Text.UTF8Encoding(false).GetBytes(text)));
}
