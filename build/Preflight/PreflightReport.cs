using System.Text;
using EdgeBuild.Reporting;

namespace EdgeBuild.Preflight;

/// <summary>Renders the preflight: downloads, sources, disk per place, and which upstream hosts answer.</summary>
public static class PreflightReport
{
    /// <summary>Probes the hosts (unless offline) and renders every section.</summary>
    public static async Task<string> RenderAsync(PreflightFacts facts, TimeSpan probeTimeout, CancellationToken ct)
    {
        var text = new StringBuilder("Preflight (nothing has run yet):\n");
        text.AppendLine("  Downloads:");
        foreach (var d in facts.Downloads)
            text.AppendLine($"    {d.Component} {d.FileName}: {(d.LocalPath is { } local ? $"present at {local}" : $"to download from {d.Url}")}; " +
                (d.Sha256 is { } sha ? $"sha256 {sha} (recorded)" : d.Locked ? "NO recorded sha256: refused by --locked" : "no recorded sha256: first use records it in the lock file"));
        if (facts.Downloads.Count == 0) text.AppendLine("    none");
        foreach (var line in facts.Sources) text.AppendLine($"  {line}");
        text.AppendLine("  Disk:");
        foreach (var place in facts.Disk)
        {
            var free = (long?)Doctor.PrerequisiteCheck.FreeBytes(place.Path);
            var enough = place.NeededBytes is not { } needed || free is not { } f || f >= needed;
            text.AppendLine($"    {place.Label} ({place.Path}): {(free is { } fb ? Progress.Size(fb) : "?")} free, " +
                $"{(place.NeededBytes is { } nb ? Progress.Size(nb) : "no estimate")} needed ({place.NeededWhy}){(enough ? "" : "  NOT ENOUGH")}");
        }
        text.AppendLine("  Upstream hosts:");
        if (facts.Offline) text.AppendLine("    not probed (--offline)");
        else
            foreach (var (host, failure) in await HostProbe.ProbeAsync(facts.Hosts, probeTimeout, ct))
                text.AppendLine(failure is null ? $"    {host.Host}:{host.Port} answers"
                    : $"    {host.Host}:{host.Port} does NOT answer ({failure}); instead: {host.Replacement}");
        return text.ToString().TrimEnd();
    }
}
