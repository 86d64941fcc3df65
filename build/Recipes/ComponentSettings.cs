using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Recipes;

/// <summary>How a built binary proves its version under qemu: arguments, and text the output must contain.</summary>
public sealed record VersionCheck(IReadOnlyList<string> Args, string Expect);

/// <summary>How a component is configured: each kind is one shared set of steps (see <see cref="RecipeSteps"/>).</summary>
public enum RecipeKind
{
    /// <summary>./configure --host=&lt;triplet&gt; (autoreconf first when the tree has no configure), then make.</summary>
    Autotools,
    /// <summary>make defconfig, the patches folder's config.fragment, make oldconfig, then make.</summary>
    Kconfig,
    /// <summary>The tree's own ./configure without --host (when there is one), then make.</summary>
    Make,
}

/// <summary>One component's entry in targets/userland.json: how it is built, what is installed, how its version is checked.</summary>
public sealed record ComponentSettings
{
    /// <summary>The component's one name (pin, patches folder, entry key); its target is the Pascal form.</summary>
    public string Name { get; init; } = "";
    /// <summary>The shared recipe steps the component uses.</summary>
    public required RecipeKind Kind { get; init; }
    /// <summary>What the component's target does, for --help.</summary>
    public required string Description { get; init; }
    /// <summary>Architecture the component is built for (selects the toolchain), from the board definition.</summary>
    public string Arch { get; init; } = "";
    /// <summary>File name of the installed binary.</summary>
    public required string Install { get; init; }
    /// <summary>Where make leaves the binary, relative to the source tree (default: <see cref="Install"/>).</summary>
    public string? From { get; init; }
    /// <summary>Names of symbolic links to the binary installed beside it.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];
    /// <summary>Environment of configure and make; {cc}, {ar}, {ldflags}, {triplet} are the toolchain's, {tree} the build tree's directory.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Extra ./configure arguments.</summary>
    public IReadOnlyList<string> ConfigureArgs { get; init; } = [];
    /// <summary>make variables and options (placeholders as in <see cref="Environment"/>).</summary>
    public IReadOnlyList<string> MakeArgs { get; init; } = [];
    /// <summary>make goals (none: the default goal).</summary>
    public IReadOnlyList<string> MakeTargets { get; init; } = [];
    /// <summary>The qemu smoke run.</summary>
    public required VersionCheck VersionCheck { get; init; }
    /// <summary>The entry's JSON text, folded into the recipe's input hash.</summary>
    public string Raw { get; init; } = "";

    /// <summary>The target that builds it: busybox → Busybox, f2fs-tools → F2fsTools.</summary>
    public string TargetName => Names.Pascal(Name);

    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    /// <summary>Every entry of <paramref name="file"/>, in file order (keys starting with $ are comments).</summary>
    public static IReadOnlyList<ComponentSettings> LoadAll(AbsolutePath file)
    {
        if (!file.FileExists()) throw new BuildException($"{file} is missing: it names each userland component, how it is built and how its version is checked.");
        var root = DataJson.ReadObject(file, "userland component list");
        return [.. root.Where(kv => !kv.Key.StartsWith('$')).Select(kv => Parse(file, kv.Key, kv.Value))];
    }

    /// <summary>Reads <paramref name="component"/>'s entry from <paramref name="file"/> (failing with the known names), built for <paramref name="arch"/>.</summary>
    public static ComponentSettings Load(AbsolutePath file, string component, string arch)
    {
        var all = LoadAll(file);
        return (all.FirstOrDefault(c => c.Name == component)
            ?? throw new BuildException($"{file} has no entry '{component}'. Known: {string.Join(", ", all.Select(c => c.Name))}.")) with { Arch = arch };
    }

    private static ComponentSettings Parse(AbsolutePath file, string name, JsonNode? node)
    {
        if (node is not JsonObject entry) throw new BuildException($"{file}: entry '{name}' must be an object.");
        try
        {
            var settings = entry.Deserialize<ComponentSettings>(Json) ?? throw new BuildException($"{file}: entry '{name}' is empty.");
            return settings with { Name = name, Raw = entry.ToJsonString() };
        }
        catch (JsonException e)
        {
            throw new BuildException($"{file}: entry '{name}' is malformed {ErrorText.Json(e)} (kind is one of {string.Join(", ", Enum.GetNames<RecipeKind>().Select(k => k.ToLowerInvariant()))}; install, description and versionCheck are required).");
        }
    }
}
