using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Pins;

/// <summary>
/// All pins: targets/pins/&lt;name&gt;.json, then an optional --pins file whose entries replace the fields they
/// give (a mirror list, a version and its files...) of the same-named component.
/// </summary>
public sealed class PinSet
{
    private static readonly JsonSerializerOptions Json = EdgeBuild.Tooling.DataJson.Options;

    private readonly Dictionary<string, Pin> _pins;

    /// <summary>Components whose entry came (at least in part) from the --pins file.</summary>
    public IReadOnlyList<string> Overridden { get; }
    /// <summary>The --pins file, when one was given.</summary>
    public string? OverrideFile { get; }

    /// <summary>Hashes recorded on first use, filled into pins that carry none (null: no lock file).</summary>
    public PinLock? Lock { get; }

    private PinSet(Dictionary<string, Pin> pins, IReadOnlyList<string> overridden, string? overrideFile, PinLock? pinLock)
    {
        _pins = pins; Overridden = overridden; OverrideFile = overrideFile; Lock = pinLock;
    }

    /// <summary>Every pin, by name, with recorded first-use hashes filled in.</summary>
    public IReadOnlyCollection<Pin> All => [.. _pins.Values.Select(WithLock)];

    /// <summary>The pin named <paramref name="name"/> (first-use hashes filled in as they are recorded), failing with the known names.</summary>
    public Pin this[string name] => _pins.TryGetValue(name, out var pin) ? WithLock(pin)
        : throw new BuildException($"No pin named '{name}'. Known: {string.Join(", ", _pins.Keys.Order())}. Add targets/pins/{name}.json.");

    /// <summary>Every file of every pin whose sha256 is recorded nowhere yet (its first download will record it).</summary>
    public IReadOnlyList<(Pin Pin, PinFile File)> Unrecorded => [.. All.SelectMany(p => p.Files.Where(f => !f.HasRecordedHash).Select(f => (p, f)))];

    private Pin WithLock(Pin pin) => Lock is null || pin.Files.All(f => f.HasRecordedHash) ? pin
        : pin with { Files = [.. pin.Files.Select(f => Lock.Apply(pin.Name, f))] };

    /// <summary>Loads <paramref name="directory"/>/*.json, applies <paramref name="overrideFile"/> and fills hashes from <paramref name="pinLock"/>.</summary>
    public static PinSet Load(string directory, string? overrideFile = null, PinLock? pinLock = null)
    {
        var nodes = new Dictionary<string, (JsonObject Node, string Origin)>();
        if (Directory.Exists(directory))
            foreach (var file in Directory.GetFiles(directory, "*.json").Order())
            {
                var node = Parse(file);
                var name = node["name"]?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(file);
                nodes[name] = (node, file);
            }
        var overridden = new List<string>();
        if (overrideFile is not null)
        {
            if (!File.Exists(overrideFile)) throw new BuildException($"Pins file {overrideFile} (--pins) does not exist.");
            foreach (var (name, value) in Parse(overrideFile))
            {
                if (name.StartsWith('$')) continue;
                if (value is not JsonObject entry) throw new BuildException($"Pins file {overrideFile}: entry '{name}' must be an object.");
                var merged = nodes.TryGetValue(name, out var existing) ? (JsonObject)existing.Node.DeepClone() : new JsonObject { ["name"] = name };
                foreach (var (field, fieldValue) in entry) merged[field] = fieldValue?.DeepClone();
                merged["name"] = name;
                nodes[name] = (merged, overrideFile);
                overridden.Add(name);
            }
        }
        var pins = new Dictionary<string, Pin>();
        foreach (var (name, (node, origin)) in nodes)
        {
            try
            {
                var pin = node.Deserialize<Pin>(Json) ?? throw new BuildException($"{origin}: empty pin '{name}'.");
                foreach (var file in pin.Files)
                    if (file.Sha256.Length != 64 || !file.Sha256.All(Uri.IsHexDigit))
                        throw new BuildException($"{origin}: pin {name} file {file.FileName} has sha256 '{file.Sha256}', not 64 hex digits.");
                pins[name] = pin with { Origin = origin, Files = [.. pin.Files.Select(f => f with { Sha256 = f.Sha256.ToLowerInvariant() })] };
            }
            catch (JsonException e) { throw new BuildException($"{origin}: pin '{name}' is malformed {ErrorText.Json(e)}."); }
        }
        return new PinSet(pins, overridden, overrideFile, pinLock);
    }

    private static JsonObject Parse(string file)
    {
        return DataJson.ReadObject(file, "pins file");
    }
}
