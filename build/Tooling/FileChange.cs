using System.Text.Json.Serialization;

namespace EdgeBuild.Tooling;

/// <summary>
/// What one patch step did (or, in a dry run, would do) to one file: the sha256 before and after, equal when the file
/// already had the change; <see cref="Absent"/> on a side where the file did not exist. The record manifests keep.
/// </summary>
public sealed record FileChange(string Patch, string File, string Sha256Before, string Sha256After)
{
    /// <summary>The hash side of a file that is not there (created or removed by the step).</summary>
    public const string Absent = "absent";

    /// <summary>What the step did, in words ("replaced X", "already set").</summary>
    public string? Description { get; init; }

    /// <summary>The unified diff of the change when it was only shown (dry run); not part of the record.</summary>
    [JsonIgnore] public string? Diff { get; init; }

    /// <summary>False when the file already had the change (a second run).</summary>
    public bool Changed => Sha256Before != Sha256After;
}
