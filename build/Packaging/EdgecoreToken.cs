using System.Text.RegularExpressions;

namespace EdgeBuild.Packaging;

/// <summary>Whether an edgecore.yaml carries a cloud token, and how packages that do are marked.</summary>
public static partial class EdgecoreToken
{
    /// <summary>Manifest parameter set on a sidecar (and so its bundle) whose edgecore.yaml holds the token.</summary>
    public const string ManifestParameter = "cloud-token";
    /// <summary>Its value.</summary>
    public const string Embedded = "embedded";
    /// <summary>Mode of an archive holding the token.</summary>
    public const UnixFileMode SecretFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>True when a token: line has a non-empty value (edgecore.yaml, modules.edgeHub.token).</summary>
    public static bool IsIn(string yaml) => TokenLine().IsMatch(yaml);

    /// <summary>True when a sidecar or bundle manifest says its archive holds the token.</summary>
    public static bool IsIn(PackageManifest manifest) => manifest.Parameters.GetValueOrDefault(ManifestParameter) == Embedded;

    [GeneratedRegex("""^\s*token:[ \t]*(?!""\s*$|''\s*$|~?\s*$|null\s*$)\S""", RegexOptions.Multiline)]
    private static partial Regex TokenLine();
}
