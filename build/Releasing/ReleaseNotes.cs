using System.Text;
using EdgeBuild.Packaging;

namespace EdgeBuild.Releasing;

/// <summary>Release notes from a bundle manifest: the component table and what changed since the previous release.</summary>
public static class ReleaseNotes
{
    /// <summary>Markdown notes for <paramref name="manifest"/>; <paramref name="previous"/> (with its tag) adds a changes section.</summary>
    public static string Render(PackageManifest manifest, PackageManifest? previous, string? previousTag)
    {
        var text = new StringBuilder();
        text.AppendLine($"Bundle {manifest.Version} for {manifest.Board}{(manifest.Commit is { } commit ? $", built from {commit[..Math.Min(12, commit.Length)]}" : "")}.");
        text.AppendLine();
        text.AppendLine("| component | version | licence | changes from upstream |");
        text.AppendLine("|---|---|---|---|");
        foreach (var component in manifest.Components)
            text.AppendLine($"| {component.Name} | {component.Version} | {component.License} | {(component.Changes.Count == 0 ? "none" : string.Join("<br>", component.Changes))} |");
        text.AppendLine();
        if (previous is null)
        {
            text.AppendLine("No previous release with a manifest to compare with.");
            return text.ToString();
        }
        text.AppendLine($"## Changes since {previousTag}");
        var before = previous.Components.ToDictionary(c => c.Name);
        var after = manifest.Components.ToDictionary(c => c.Name);
        var lines = new List<string>();
        foreach (var c in manifest.Components)
            if (!before.TryGetValue(c.Name, out var old)) lines.Add($"- {c.Name} {c.Version}: added");
            else if (old.Version != c.Version) lines.Add($"- {c.Name}: {old.Version} → {c.Version}");
            else if (!old.Changes.SequenceEqual(c.Changes)) lines.Add($"- {c.Name} {c.Version}: patches changed");
        lines.AddRange(previous.Components.Where(c => !after.ContainsKey(c.Name)).Select(c => $"- {c.Name} {c.Version}: removed"));
        if (lines.Count == 0) lines.Add("- no component changed");
        foreach (var line in lines) text.AppendLine(line);
        return text.ToString();
    }
}
