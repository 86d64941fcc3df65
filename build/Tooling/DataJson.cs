using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeBuild.Tooling;

/// <summary>The one JSON setting for the project's data files and manifests.</summary>
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
}
