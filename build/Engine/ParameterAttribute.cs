namespace EdgeBuild.Engine;

/// <summary>Marks a field or property filled from --kebab-case, the environment, profiles or .nuke/parameters.json.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    /// <summary>One line shown in --help.</summary>
    public string? Description { get; } = description;
    /// <summary>Overrides the name derived from the member (OhosSource → ohos-source).</summary>
    public string? Name { get; set; }
    /// <summary>
    /// Also read from the bare NAME, for the few names users and CI set (GITHUB_TOKEN, CLOUD_TOKEN); every other
    /// parameter is read as NUKE_NAME or EDGE_BUILD_NAME only, so a generic variable like ARTIFACTS never steers a build.
    /// </summary>
    public bool BareEnvironment { get; set; }
    /// <summary>
    /// May also be given without a value (`Clean --outputs-cache`): the member then keeps what the other sources give,
    /// and the command line records it as given, for a target that acts on the option's presence.
    /// </summary>
    public bool ValueOptional { get; set; }
}

/// <summary>Marks a parameter whose value is masked as *** in every output, log and summary; it is trimmed when bound.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute
{
    /// <summary>Characters the value may hold, as a regex character class body (A-Za-z0-9._-); null allows any but blanks and control characters.</summary>
    public string? Allowed { get; set; }
    /// <summary>What a valid value is, for the error (a keadm token).</summary>
    public string? Kind { get; set; }
}
