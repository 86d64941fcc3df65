using System.Text.Json;
using EdgeBuild.Tooling;

namespace EdgeBuild.OpenHarmony;

/// <summary>Reads the JSON data files of this concern (comments allowed: they carry the why and the sources).</summary>
public static class OhosDataFile
{
    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    /// <summary>Deserialises <paramref name="file"/>, failing with the file name, line and what was expected.</summary>
    public static T Read<T>(string file) => DataJson.Read<T>(file, "OpenHarmony data file");

    /// <summary>Writes <paramref name="value"/> as indented JSON, atomically.</summary>
    public static void Write<T>(string file, T value) => Files.WriteAtomically(file, JsonSerializer.Serialize(value, Json) + "\n");
}
