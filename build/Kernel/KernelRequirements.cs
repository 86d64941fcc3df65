using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Kernel;

/// <summary>One required option and the conditions under which it applies (targets/kernel/requirements.json).</summary>
public sealed record RequiredOption
{
    /// <summary>CONFIG_ name.</summary>
    public required string Name { get; init; }
    /// <summary>Sub-heading within the group (a network or storage driver), as moby prints it.</summary>
    public string? Section { get; init; }
    /// <summary>Applies when the target kernel is at least this version.</summary>
    public string? Since { get; init; }
    /// <summary>Applies when the target kernel is older than this version.</summary>
    public string? Before { get; init; }
    /// <summary>Not checked when this option is y or m.</summary>
    public string? UnlessSet { get; init; }
    /// <summary>Why it is needed or why the condition exists.</summary>
    public string? Why { get; init; }

    /// <summary>True when this option is checked for <paramref name="version"/> and <paramref name="config"/>.</summary>
    public bool AppliesTo(KernelVersion version, KernelConfig config) =>
        (Since is null || version >= KernelVersion.Parse(Since))
        && (Before is null || version < KernelVersion.Parse(Before))
        && (UnlessSet is null || !config.IsSet(UnlessSet));
}

/// <summary>A group of options, printed under one heading.</summary>
public sealed record RequirementGroup
{
    /// <summary>Short id used in reports: necessary, optional, network, storage, kubeedge, openharmony.</summary>
    public required string Id { get; init; }
    /// <summary>Heading printed above the group.</summary>
    public required string Title { get; init; }
    /// <summary>A missing option of this group fails the check.</summary>
    public bool FailsWhenMissing { get; init; }
    /// <summary>The options, in print order.</summary>
    public required IReadOnlyList<RequiredOption> Options { get; init; }
}

/// <summary>The kernel options Docker and KubeEdge need, as data.</summary>
public sealed record KernelRequirements(IReadOnlyList<RequirementGroup> Groups)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private sealed record Document(IReadOnlyList<RequirementGroup>? Groups);

    /// <summary>targets/kernel/requirements.json under <paramref name="targetsDirectory"/>.</summary>
    public static string DefaultPath(string targetsDirectory) => Path.Combine(targetsDirectory, "kernel", "requirements.json");

    /// <summary>Loads and validates a requirements file.</summary>
    public static KernelRequirements Load(string path)
    {
        var doc = DataJson.Read<Document>(path, "kernel requirements list");
        if (doc.Groups is not { Count: > 0 } groups) throw new BuildException($"{path} has no groups.");
        foreach (var option in groups.SelectMany(g => g.Options))
        {
            if (!option.Name.StartsWith("CONFIG_", StringComparison.Ordinal))
                throw new BuildException($"{path}: option '{option.Name}' must be spelled with its CONFIG_ prefix.");
            foreach (var v in new[] { option.Since, option.Before })
                if (v is not null && KernelVersion.TryParse(v) is null)
                    throw new BuildException($"{path}: {option.Name} has version condition '{v}'; expected major.minor like 5.10.");
        }
        return new KernelRequirements(groups);
    }
}
