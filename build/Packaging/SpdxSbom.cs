using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeBuild.Tooling;

namespace EdgeBuild.Packaging;

/// <summary>An SPDX 2.3 JSON document for a bundle: one package per component, each described by the document.</summary>
public static class SpdxSbom
{
    /// <summary>File name inside a bundle.</summary>
    public const string FileName = "sbom.spdx.json";

    /// <summary>The SBOM text for <paramref name="manifest"/>; the namespace and creation time derive from it, so it is reproducible.</summary>
    public static string Render(PackageManifest manifest)
    {
        var name = $"{manifest.Kind}-{manifest.Board}-{manifest.Version}";
        var digest = FileHash.Sha256OfText(manifest.ToJson())[..16];
        var packages = new JsonArray();
        var relationships = new JsonArray();
        foreach (var c in manifest.Components)
        {
            var id = $"SPDXRef-Package-{SpdxId(c.Name)}";
            var package = new JsonObject
            {
                ["SPDXID"] = id,
                ["name"] = c.Name,
                ["versionInfo"] = c.Version,
                ["downloadLocation"] = Uri.TryCreate(c.Source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? c.Source : "NOASSERTION",
                ["filesAnalyzed"] = false,
                ["licenseConcluded"] = "NOASSERTION",
                ["licenseDeclared"] = string.IsNullOrWhiteSpace(c.License) ? "NOASSERTION" : c.License,
                ["copyrightText"] = "NOASSERTION",
                ["sourceInfo"] = c.Source,
            };
            if (c.SourceSha256 is { } sha)
                package["checksums"] = new JsonArray(new JsonObject { ["algorithm"] = "SHA256", ["checksumValue"] = sha });
            if (c.Changes.Count > 0) package["comment"] = "Changes from upstream: " + string.Join("; ", c.Changes);
            packages.Add(package);
            relationships.Add(new JsonObject { ["spdxElementId"] = "SPDXRef-DOCUMENT", ["relationshipType"] = "DESCRIBES", ["relatedSpdxElement"] = id });
        }
        var document = new JsonObject
        {
            ["spdxVersion"] = "SPDX-2.3",
            ["dataLicense"] = "CC0-1.0",
            ["SPDXID"] = "SPDXRef-DOCUMENT",
            ["name"] = name,
            ["documentNamespace"] = $"https://spdx.org/spdxdocs/edge-build/{name}-{digest}",
            ["creationInfo"] = new JsonObject
            {
                ["created"] = DateTimeOffset.FromUnixTimeSeconds(manifest.SourceDateEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
                ["creators"] = new JsonArray("Tool: edge-build", "Organization: edge-build maintainers"),
            },
            ["packages"] = packages,
            ["relationships"] = relationships,
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    // SPDX identifiers allow letters, digits, '.' and '-' only.
    private static string SpdxId(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray());
}
