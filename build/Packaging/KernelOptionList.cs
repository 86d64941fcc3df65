using System.Text;
using EdgeBuild.Kernel;

namespace EdgeBuild.Packaging;

/// <summary>
/// The device's /etc/edge-build/kernel-options, which check-kernel.sh reads: targets/kernel/requirements.json as
/// one line per option, "NAME REQUIRED SINCE BEFORE UNLESS_SET GROUP" ('-' for none; GROUP, the title, may hold spaces), so the device checks the
/// same list the build does.
/// </summary>
public static class KernelOptionList
{
    /// <summary>Where the list lands on the device (relative to /).</summary>
    public const string DevicePath = "etc/edge-build/kernel-options";

    /// <summary>The list's text; an option in several groups appears once, required when any of its groups fails when it is missing.</summary>
    public static string Render(KernelRequirements requirements)
    {
        var entries = requirements.Groups
            .SelectMany(g => g.Options.Select(o => (Option: o, Group: g)))
            .GroupBy(e => e.Option.Name, StringComparer.Ordinal)
            .Select(g => (g.First().Option, Group: g.First().Group.Title, Required: g.Any(e => e.Group.FailsWhenMissing)));
        var text = new StringBuilder()
            .AppendLine("# Generated from targets/kernel/requirements.json by the Sidecar target; read by check-kernel.sh.")
            .AppendLine("# NAME REQUIRED SINCE BEFORE UNLESS_SET GROUP ('-' for none; GROUP to the end of the line): REQUIRED no = reported, not failed;")
            .AppendLine("# SINCE/BEFORE: checked only on kernels >= / < that version; UNLESS_SET: not checked when that option is y or m.");
        foreach (var (option, group, required) in entries)
            text.AppendLine(string.Join(' ', option.Name, required ? "yes" : "no", option.Since ?? "-", option.Before ?? "-", option.UnlessSet ?? "-", group));
        return text.ToString();
    }
}
