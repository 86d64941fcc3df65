using System.Text.Json;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>A board as targets/boards/&lt;name&gt;.json describes it: product, per-component arch, images and partitions.</summary>
public sealed record BoardDefinition
{
    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    /// <summary>The board's one name (rk3568): --board, artifacts/&lt;board&gt;, Bundle&lt;Name&gt;.</summary>
    public required string Name { get; init; }
    /// <summary>Human name for READMEs and release notes.</summary>
    public required string DisplayName { get; init; }
    /// <summary>Flashing family (rockchip): picks flash.sh and the Windows tool's config.</summary>
    public required string Family { get; init; }
    /// <summary>Arch each component is built or fetched for (arm64, armhf).</summary>
    public IReadOnlyDictionary<string, string> Arch { get; init; } = new Dictionary<string, string>();
    /// <summary>The boot loader image flashed first (Rockchip MiniLoaderAll.bin).</summary>
    public required string Loader { get; init; }
    /// <summary>The partition table file (Rockchip parameter.txt).</summary>
    public required string Parameter { get; init; }
    /// <summary>Images copied when the build produced them (the required ones come from the OpenHarmony version).</summary>
    public IReadOnlyList<string> OptionalImages { get; init; } = [];
    /// <summary>Partition name (as in parameter.txt) → image file.</summary>
    public IReadOnlyDictionary<string, string> PartitionImages { get; init; } = new Dictionary<string, string>();
    /// <summary>Fields of /usr/lib/os-release.</summary>
    public IReadOnlyDictionary<string, string> OsRelease { get; init; } = new Dictionary<string, string>();
    /// <summary>Windows directory RKDevTool's config.cfg points at (it wants absolute paths).</summary>
    public string RkdevtoolImagesDirectory { get; init; } = @"C:\edge-bundle\images";

    /// <summary>The arch of <paramref name="component"/> on this board, failing with the components it knows.</summary>
    public string ArchOf(string component) => Arch.TryGetValue(component, out var arch) ? arch
        : throw new BuildException($"Board {Name} names no arch for '{component}'; known: {string.Join(", ", Arch.Keys.Order())}. Add it to targets/boards/{Name}.json.");

    /// <summary>Target-name form of the board name: rk3568 → Rk3568, dayu-200 → Dayu200.</summary>
    public string PascalName => Tooling.Names.Pascal(Name);

    /// <summary>Reads targets/boards/&lt;name&gt;.json.</summary>
    public static BoardDefinition Load(string boardsDirectory, string name)
    {
        var file = Path.Combine(boardsDirectory, name + ".json");
        if (!File.Exists(file))
            throw new BuildException($"No board '{name}': {file} does not exist. Known boards: {string.Join(", ", Names(boardsDirectory))}.");
        return DataJson.Read<BoardDefinition>(file, "board definition");
    }

    /// <summary>Every board defined in <paramref name="boardsDirectory"/>.</summary>
    public static IReadOnlyList<string> Names(string boardsDirectory) => Directory.Exists(boardsDirectory)
        ? [.. Directory.GetFiles(boardsDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).Order()!]
        : [];
}
