using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeBuild.Engine;

namespace EdgeBuild.Recipes;

/// <summary>How a built binary proves its version under qemu: arguments, and text the output must contain.</summary>
public sealed record VersionCheck(IReadOnlyList<string> Args, string Expect);

/// <summary>One component's entry in targets/userland.json: arch, what is installed, recipe options.</summary>
public sealed record ComponentSettings
{
    /// <summary>Architecture the component is built for (selects the toolchain), from the board definition.</summary>
    public string Arch { get; init; } = "";
    /// <summary>File name of the installed binary.</summary>
    public required string Install { get; init; }
    /// <summary>Names of symbolic links to the binary installed beside it.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];
    /// <summary>Extra ./configure arguments (autotools recipes).</summary>
    public IReadOnlyList<string> ConfigureArgs { get; init; } = [];
    /// <summary>Subdirectories to build (iproute2's SUBDIRS).</summary>
    public IReadOnlyList<string> MakeSubdirs { get; init; } = [];
    /// <summary>The qemu smoke run.</summary>
    public required VersionCheck VersionCheck { get; init; }
    /// <summary>The entry's JSON text, folded into the recipe's input hash.</summary>
    public string Raw { get; init; } = "";

    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    /// <summary>Reads <paramref name="component"/>'s entry from <paramref name="file"/> (failing with the known names), built for <paramref name="arch"/>.</summary>
    public static ComponentSettings Load(AbsolutePath file, string component, string arch)
    {
        if (!file.FileExists()) throw new BuildException($"{file} is missing: it names what each userland component installs and how its version is checked.");
        var root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
            ?? throw new BuildException($"{file} must hold a JSON object.");
        if (root[component] is not JsonObject entry)
            throw new BuildException($"{file} has no entry '{component}'. Known: {string.Join(", ", root.Select(kv => kv.Key).Where(k => !k.StartsWith('$')))}.");
        try
        {
            var settings = entry.Deserialize<ComponentSettings>(Json) ?? throw new BuildException($"{file}: entry '{component}' is empty.");
            return settings with { Arch = arch, Raw = entry.ToJsonString() };
        }
        catch (JsonException e) { throw new BuildException($"{file}: entry '{component}' is malformed: {e.Message}"); }
    }
}
