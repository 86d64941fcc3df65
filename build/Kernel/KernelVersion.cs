using System.Text.RegularExpressions;
using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel;

/// <summary>A kernel's major.minor version, the granularity requirement conditions use.</summary>
public sealed partial record KernelVersion(int Major, int Minor) : IComparable<KernelVersion>
{
    /// <summary>Parses "5.10", "5.10.79" or "5.10.79-rc1" (patch level and suffix ignored).</summary>
    public static KernelVersion Parse(string text) =>
        TryParse(text) ?? throw new BuildException($"'{text}' is not a kernel version; expected major.minor like 5.10.");

    /// <summary>Parses a version, or null when <paramref name="text"/> does not start with major.minor.</summary>
    public static KernelVersion? TryParse(string? text) =>
        text is not null && VersionPattern().Match(text.Trim()) is { Success: true } m
            ? new KernelVersion(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)) : null;

    /// <summary>Orders by major, then minor.</summary>
    public int CompareTo(KernelVersion? other) =>
        other is null ? 1 : Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(KernelVersion a, KernelVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(KernelVersion a, KernelVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(KernelVersion a, KernelVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(KernelVersion a, KernelVersion b) => a.CompareTo(b) >= 0;

    /// <summary>"5.10".</summary>
    public override string ToString() => $"{Major}.{Minor}";

    [GeneratedRegex(@"^(\d+)\.(\d+)")]
    private static partial Regex VersionPattern();
}
