using EdgeBuild.Reporting;
using EdgeBuild.Tooling;

namespace EdgeBuild.Packaging;

/// <summary>A userland binary the device needs, the target that builds it, and why (device/required-tools.json).</summary>
public sealed record RequiredTool(string Name, string Target, string Why = "");

/// <summary>Refuses a sidecar that lacks a userland binary its set-up scripts call (busybox, ip, iptables, ...), unless the user accepts one.</summary>
public static class SidecarCompleteness
{
    private sealed record RequiredToolsFile(IReadOnlyList<RequiredTool> Tools);

    /// <summary>Reads device/required-tools.json.</summary>
    public static IReadOnlyList<RequiredTool> Load(string file)
    {
        if (!File.Exists(file)) throw new BuildException($"{file} is missing: it lists the userland binaries the sidecar must carry.");
        try { return System.Text.Json.JsonSerializer.Deserialize<RequiredToolsFile>(File.ReadAllText(file), Tooling.DataJson.Options)?.Tools ?? []; }
        catch (System.Text.Json.JsonException e) { throw new BuildException($"{file} is not valid: {ErrorText.Json(e)}."); }
    }

    /// <summary>The required tools <paramref name="inputs"/> lacks in system/bin.</summary>
    public static IReadOnlyList<RequiredTool> Missing(SidecarInputs inputs, IReadOnlyList<RequiredTool> required)
    {
        var shipped = inputs.Files.Select(f => f.Destination).Concat(inputs.Links.Select(l => l.Destination)).ToHashSet(StringComparer.Ordinal);
        return [.. required.Where(t => !shipped.Contains($"system/bin/{t.Name}"))];
    }

    /// <summary>Fails naming what is missing and how to get it; with <paramref name="allowIncomplete"/> warns instead and returns the note for the summary.</summary>
    public static string? Check(SidecarInputs inputs, IReadOnlyList<RequiredTool> required, bool allowIncomplete, IBuildReport report)
    {
        var missing = Missing(inputs, required);
        if (missing.Count == 0) return null;
        var names = string.Join(", ", missing.Select(t => $"{t.Name} ({t.Target}: {t.Why})"));
        if (!allowIncomplete)
            throw new BuildException($"The sidecar would lack {names}, which the device needs: run Userland, or give --userland-dir DIR " +
                "holding <arch>/bin/ with them, or --allow-incomplete-sidecar to build it without them.");
        report.Warning($"--allow-incomplete-sidecar: the sidecar lacks {names}; the device's set-up fails where it needs them.");
        return $"INCOMPLETE: lacks {string.Join(", ", missing.Select(t => t.Name))}";
    }
}
