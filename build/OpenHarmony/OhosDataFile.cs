using System.Text.Json;
using EdgeBuild.Engine;

namespace EdgeBuild.OpenHarmony;

/// <summary>Reads the JSON data files of this concern (comments allowed: they carry the why and the sources).</summary>
public static class OhosDataFile
{
    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    /// <summary>Deserialises <paramref name="file"/>, failing with the file name.</summary>
    public static T Read<T>(string file)
    {
        if (!File.Exists(file)) throw new BuildException($"Data file missing: {file}.");
        try { return JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json) ?? throw new BuildException($"{file} is empty."); }
        catch (JsonException e) { throw new BuildException($"{file} is not valid: {e.Message}"); }
    }

    /// <summary>Writes <paramref name="value"/> as indented JSON, atomically.</summary>
    public static void Write<T>(string file, T value) => Files.WriteAtomically(file, JsonSerializer.Serialize(value, Json) + "\n");
}
