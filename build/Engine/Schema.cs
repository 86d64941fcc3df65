using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Engine;

/// <summary>Writes .nuke/build.schema.json (IDE completion for parameters.json) from the parameters and targets.</summary>
public static class Schema
{
    /// <summary>The schema document for these parameters and targets.</summary>
    public static string Render(IReadOnlyList<ParameterInfo> parameters, TargetGraph graph)
    {
        var targetNames = new JsonArray([.. graph.Targets.Keys.Select(k => (JsonNode)k)]);
        var properties = new JsonObject { ["$schema"] = new JsonObject { ["type"] = "string" } };
        foreach (var parameter in parameters.OrderBy(p => p.Member.Name))
        {
            JsonObject Type(Type t)
            {
                if (t == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
                if (t == typeof(int)) return new JsonObject { ["type"] = "integer" };
                if (t.IsEnum) return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Enum.GetNames(t).Select(n => (JsonNode)n)]) };
                return new JsonObject { ["type"] = "string" };
            }
            var node = parameter.IsArray
                ? new JsonObject { ["type"] = "array", ["items"] = parameter.Member.Name is "Target" or "Skip"
                    ? new JsonObject { ["type"] = "string", ["enum"] = targetNames.DeepClone() }
                    : Type(parameter.ValueType.GetElementType()!) }
                : Type(parameter.ValueType);
            if (parameter.Description is not null) node["description"] = parameter.Description;
            if (parameter.IsSecret) node["default"] = "Secrets must be entered via environment or CLI, never stored";
            properties[parameter.Member.Name] = node;
        }
        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["title"] = "Build Schema",
            ["type"] = "object",
            ["properties"] = properties,
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Writes the schema when its content changed (keeps the file's mtime stable otherwise).</summary>
    public static void WriteIfChanged(string path, IReadOnlyList<ParameterInfo> parameters, TargetGraph graph)
    {
        var content = Render(parameters, graph);
        if (File.Exists(path) && File.ReadAllText(path) == content) return;
        if (!Directory.Exists(Path.GetDirectoryName(path))) return;
        Files.WriteAtomically(path, content);
    }
}
