using EdgeBuild.Tooling;

namespace EdgeBuild.Pins;

/// <summary>One downloadable file of a component: its upstream name, hash, where the hash came from and where to get it.</summary>
public sealed record PinFile
{
    /// <summary>The upstream file name (also its name in --sources-dir and the cache).</summary>
    public required string FileName { get; init; }
    /// <summary>Lower-case hex sha256 of the file's bytes.</summary>
    public required string Sha256 { get; init; }
    /// <summary>Where the hash came from ("upstream sha256sums", "computed locally on DATE from URL").</summary>
    public string? HashSource { get; init; }
    /// <summary>Primary download URLs, tried in order.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];
    /// <summary>Backup mirrors, tried after the primary URLs.</summary>
    public IReadOnlyList<string> Mirrors { get; init; } = [];
    /// <summary>Architecture this file is for (arm64, armhf), when the component ships per-arch files.</summary>
    public string? Arch { get; init; }

    /// <summary>False for a pin whose hash is the all-zero placeholder (upstream publishes none and it was never recorded).</summary>
    public bool HasRecordedHash => Sha256.Any(c => c != '0');

    /// <summary>What to do about a placeholder hash, for error messages; empty when the hash is recorded.</summary>
    public string PlaceholderHint(string pinName) => HasRecordedHash ? "" :
        $" The {pinName} pin has no recorded sha256 yet (all zeros, see its hashSource): a run without --locked where upstream " +
        $"is reachable downloads {FileName} once and records its sha256 in targets/pins.lock.json (commit it); or record it in " +
        $"targets/pins/{pinName}.json or a --pins file (`./build.sh BumpVersions --bump-components {pinName}` records it when moving to the newest release).";
}

/// <summary>Where a component's release tag lives in git and the commit it must be (tag archives carry no published checksum).</summary>
public sealed record PinGit
{
    /// <summary>Repository URL for `git clone`.</summary>
    public required string Url { get; init; }
    /// <summary>The release tag (v1.9.1).</summary>
    public required string Tag { get; init; }
    /// <summary>The full commit id the tag points at.</summary>
    public required string Commit { get; init; }
    /// <summary>Where the commit id was read.</summary>
    public string? CommitSource { get; init; }
}

/// <summary>A pinned component: version, licence and files, from targets/pins/&lt;name&gt;.json.</summary>
public sealed record Pin
{
    /// <summary>The component's one name (folder, recipe, target).</summary>
    public required string Name { get; init; }
    /// <summary>Upstream version.</summary>
    public required string Version { get; init; }
    /// <summary>SPDX licence expression.</summary>
    public required string License { get; init; }
    /// <summary>Licence files inside the source tree.</summary>
    public IReadOnlyList<string> LicenseFiles { get; init; } = [];
    /// <summary>The release tag in git and its commit, for components that can be cloned instead of downloaded.</summary>
    public PinGit? Git { get; init; }
    /// <summary>Files to download.</summary>
    public IReadOnlyList<PinFile> Files { get; init; } = [];
    /// <summary>The pins file this entry came from (for messages and the summary).</summary>
    public string? Origin { get; init; }

    /// <summary>The file for <paramref name="arch"/> (or the only file), failing with the choices.</summary>
    public PinFile FileFor(string? arch = null)
    {
        var match = Files.Where(f => arch is null || f.Arch is null || f.Arch == arch).ToList();
        return match.Count == 1 ? match[0]
            : throw new Reporting.BuildException($"Pin {Name} {Version} ({Origin}) has {match.Count} files for arch '{arch ?? "any"}'; " +
                $"files: {string.Join(", ", Files.Select(f => $"{f.FileName} ({f.Arch ?? "any"})"))}.");
    }
}
