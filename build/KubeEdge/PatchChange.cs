namespace EdgeBuild.KubeEdge;

/// <summary>What one patch step did to one file: its hashes before and after (equal when it was already patched).</summary>
public sealed record PatchChange(string Patch, string File, string Sha256Before, string Sha256After, string Description)
{
    /// <summary>True when the file's bytes changed.</summary>
    public bool Changed => Sha256Before != Sha256After;
}
