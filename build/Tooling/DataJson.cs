using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tooling;

/// <summary>The one JSON setting for the project's data files and manifests, and the one loader for them.</summary>
public static class DataJson
{
    /// <summary>camelCase names; comments and trailing commas allowed in hand-written data; enums by name; written indented without nulls.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// <paramref name="file"/> read as <typeparamref name="T"/>; a missing or empty file, or JSON that does not fit, fails with one
    /// sentence naming the file, <paramref name="what"/> it should hold, and the line and field that were wrong.
    /// </summary>
    public static T Read<T>(string file, string what)
    {
        if (!File.Exists(file)) throw new BuildException($"{file} does not exist; it should hold {what}.");
        try { return JsonSerializer.Deserialize<T>(File.ReadAllText(file), Options) ?? throw Empty(file, what); }
        catch (JsonException e) { throw Invalid(file, what, e); }
    }

    /// <summary><paramref name="file"/>'s top-level object, for loaders that read entry by entry; fails like <see cref="Read{T}"/>.</summary>
    public static JsonObject ReadObject(string file, string what)
    {
        if (!File.Exists(file)) throw new BuildException($"{file} does not exist; it should hold {what}.");
        try
        {
            return JsonNode.Parse(File.ReadAllText(file), documentOptions: DocumentOptions) as JsonObject
                ?? throw new BuildException($"{file} must hold a JSON object: {what}.");
        }
        catch (JsonException e) { throw Invalid(file, what, e); }
    }

    /// <summary>The error for JSON in <paramref name="file"/> that is not <paramref name="what"/>: where (line, field) and what was expected.</summary>
    public static BuildException Invalid(string file, string what, JsonException e) =>
        new($"{file} is not a valid {what} {ErrorText.Json(e)}. Fix the file, then run again.");

    private static BuildException Empty(string file, string what) => new($"{file} is empty; it should hold {what}.");
}
