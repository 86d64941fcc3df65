using EdgeBuild.Tooling;

namespace EdgeBuild.Packaging;

/// <summary>A component shipped in the sidecar or bundle, as the manifest and SBOM describe it.</summary>
public sealed record PackageComponent
{
    /// <summary>The component's one name (busybox, docker-static, kubeedge...).</summary>
    public required string Name { get; init; }
    /// <summary>Upstream version.</summary>
    public required string Version { get; init; }
    /// <summary>SPDX licence expression (NOASSERTION when unknown).</summary>
    public string License { get; init; } = "NOASSERTION";
    /// <summary>Where it came from: a URL, or a source file and its sha256.</summary>
    public string Source { get; init; } = "NOASSERTION";
    /// <summary>sha256 of the upstream file it was built or taken from, when known.</summary>
    public string? SourceSha256 { get; init; }
    /// <summary>Patches and config changes applied, with their upstream status.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];
}

/// <summary>One file to place in the sidecar: its bytes, its path on the device (relative to /), its component.</summary>
public sealed record SidecarFile(string Source, string Destination, string Component, bool Executable);

/// <summary>A symbolic link in the sidecar (iptables → xtables-legacy-multi).</summary>
public sealed record SidecarLink(string Destination, string Target, string Component);

/// <summary>Everything the Sidecar target packs; built from other targets' outputs or from fixtures.</summary>
public sealed record SidecarInputs
{
    /// <summary>Board name (file name and manifest).</summary>
    public required string Board { get; init; }
    /// <summary>Release version (file name and manifest).</summary>
    public required string Version { get; init; }
    /// <summary>Components, one per name.</summary>
    public IReadOnlyList<PackageComponent> Components { get; init; } = [];
    /// <summary>Files, by destination.</summary>
    public IReadOnlyList<SidecarFile> Files { get; init; } = [];
    /// <summary>Links, by destination.</summary>
    public IReadOnlyList<SidecarLink> Links { get; init; } = [];
    /// <summary>edgecore.yaml carries the cloud token (--embed-cloud-token): the archive is a secret, 0600, never released.</summary>
    public bool HoldsCloudToken { get; init; }
}
