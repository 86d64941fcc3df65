using System.Globalization;
using System.Text.RegularExpressions;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>One partition of a Rockchip parameter.txt: name, offset and size in 512-byte sectors (size null: grows to the end).</summary>
public sealed record RockchipPartition(string Name, long Offset, long? Size, IReadOnlyList<string> Flags);

/// <summary>Reads the partition table from a Rockchip parameter.txt (CMDLINE: ... mtdparts=&lt;id&gt;:size@offset(name[:flag]),...).</summary>
public static partial class ParameterTxt
{
    [GeneratedRegex(@"^(?<size>-|0x[0-9a-fA-F]+)@(?<offset>0x[0-9a-fA-F]+)\((?<name>[^):]+)(?<flags>(:[^):]+)*)\)$")]
    private static partial Regex PartitionPattern();

    /// <summary>The partitions in table order; fails naming the line when there is no mtdparts or an entry is malformed.</summary>
    public static IReadOnlyList<RockchipPartition> Parse(string text, string origin = "parameter.txt")
    {
        var cmdline = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("CMDLINE:", StringComparison.Ordinal))
            ?? throw new BuildException($"{origin} has no CMDLINE: line; is it a Rockchip parameter file?");
        var mtdparts = cmdline.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.StartsWith("CMDLINE:") ? w["CMDLINE:".Length..] : w)
            .FirstOrDefault(w => w.StartsWith("mtdparts=", StringComparison.Ordinal))
            ?? throw new BuildException($"{origin}: CMDLINE has no mtdparts=; cannot tell the partitions.");
        var list = mtdparts[(mtdparts.IndexOf(':') + 1)..];
        var partitions = new List<RockchipPartition>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var match = PartitionPattern().Match(part);
            if (!match.Success) throw new BuildException($"{origin}: mtdparts entry '{part}' is not size@offset(name).");
            partitions.Add(new RockchipPartition(match.Groups["name"].Value, Hex(match.Groups["offset"].Value),
                match.Groups["size"].Value == "-" ? null : Hex(match.Groups["size"].Value),
                match.Groups["flags"].Value.Split(':', StringSplitOptions.RemoveEmptyEntries)));
        }
        return partitions;
    }

    private static long Hex(string value) => long.Parse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
