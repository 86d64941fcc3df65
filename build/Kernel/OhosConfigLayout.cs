using System.Text.Json;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel;

/// <summary>Where one range of OpenHarmony versions takes a board's kernel config from (targets/kernel/ohos-config-layouts.json).</summary>
public sealed record OhosConfigLayout
{
    /// <summary>First OpenHarmony version of the range.</summary>
    public required string From { get; init; }
    /// <summary>First version no longer in the range; null for open-ended.</summary>
    public string? Until { get; init; }
    /// <summary>The kernel (linux_kernel_version) whose config tree this is, e.g. linux-5.10.</summary>
    public required string Kernel { get; init; }
    /// <summary>The file the fragment is merged into, relative to the OpenHarmony root.</summary>
    public required string Target { get; init; }
    /// <summary>Layers merged after the target (files, or folders of *_defconfig files) whose conflicting lines are fixed too.</summary>
    public IReadOnlyList<string> MergedAfter { get; init; } = [];
    /// <summary>The board script's record of its last kernel source copy (relative to the tree); null when it copies every build.</summary>
    public string? SourceChecker { get; init; }

    /// <summary>True when <paramref name="version"/> is in [From, Until).</summary>
    public bool Covers(Version version) => version >= ParseVersion(From) && (Until is null || version < ParseVersion(Until));

    /// <summary>Parses "3.2", "4.1.0" or "5.0.1-Release" by its numeric part.</summary>
    public static Version ParseVersion(string text)
    {
        var numeric = new string(text.Trim().TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).Trim('.');
        return Version.TryParse(numeric.Contains('.') ? numeric : numeric + ".0", out var v) ? v
            : throw new BuildException($"'{text}' is not an OpenHarmony version; expected e.g. 3.1, 3.2, 4.0, 4.1 or 5.0.1.");
    }

    private sealed record Document(Dictionary<string, List<OhosConfigLayout>>? Boards);

    /// <summary>targets/kernel/ohos-config-layouts.json under <paramref name="targetsDirectory"/>.</summary>
    public static string DefaultPath(string targetsDirectory) => Path.Combine(targetsDirectory, "kernel", "ohos-config-layouts.json");

    /// <summary>The layout for <paramref name="board"/> at <paramref name="ohosVersion"/> building <paramref name="kernel"/>; fails listing the known boards and ranges.</summary>
    public static OhosConfigLayout For(string path, string board, string ohosVersion, string kernel)
    {
        var doc = DataJson.Read<Document>(path, "kernel config layout list");
        if (doc.Boards is null || !doc.Boards.TryGetValue(board, out var layouts))
            throw new BuildException($"{path} has no kernel config layout for board '{board}'; known: {string.Join(", ", doc.Boards?.Keys.AsEnumerable() ?? [])}.");
        var version = ParseVersion(ohosVersion);
        return layouts.LastOrDefault(l => l.Covers(version) && l.Kernel == kernel)
            ?? throw new BuildException($"OpenHarmony {ohosVersion} building {kernel} is not covered by {path} for {board}; covered: " +
                string.Join(", ", layouts.Select(l => $"{l.From}..{l.Until ?? "newer"} {l.Kernel}")) + ".");
    }
}
