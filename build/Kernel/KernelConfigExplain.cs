using System.Text;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel;

/// <summary>The ExplainKernelConfig step: explain, print, fail when a requested option did not survive.</summary>
public static class KernelConfigExplain
{
    /// <summary>Explains <paramref name="fragmentPath"/> merged into <paramref name="configPath"/> on <paramref name="kernelSource"/>, building under <paramref name="workRoot"/>.</summary>
    public static async Task<KernelConfigExplanation> RunAsync(string kernelSource, string configPath, string fragmentPath, string? arch,
        string workRoot, CancellationToken ct)
    {
        // One build directory per source tree and arch: the compiled conf tool belongs to its tree.
        var key = FileHash.Sha256OfText($"{Path.GetFullPath(kernelSource)}|{arch}")[..12];
        var explanation = await KernelConfigExplainer.ExplainAsync(kernelSource, KernelConfigReader.Read(configPath),
            ConfigFragment.Load(fragmentPath), arch, Path.Combine(workRoot, key), ct);
        BuildReport.Current.Information($"olddefconfig result: {explanation.ResultConfig}");
        foreach (var option in explanation.Dropped) BuildReport.Current.Information(option.Render().TrimEnd());
        BuildReport.Current.Note($"{explanation.Requested - explanation.Dropped.Count} of {explanation.Requested} requested options survived");
        if (explanation.Dropped.Count > 0)
            throw new BuildException($"{explanation.Dropped.Count} requested option(s) of {fragmentPath} did not survive olddefconfig: " +
                $"{string.Join(", ", explanation.Dropped.Select(d => d.Name))}. Add the options listed under 'to add' to the fragment, or drop unknown symbols.");
        BuildReport.Current.Information($"All {explanation.Requested} requested options survived olddefconfig.");
        return explanation;
    }
}
