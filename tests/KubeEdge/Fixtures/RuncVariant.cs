namespace EdgeBuild.Tests.KubeEdge.Fixtures;

/// <summary>The shapes ParseKeyValue has had in the runc versions KubeEdge vendors.</summary>
public enum RuncVariant
{
    /// <summary>1.0.0-rc95 (KubeEdge 1.9): SplitN on one space, conversion error wrapped with %v, old +build line.</summary>
    Rc95,
    /// <summary>1.0.3 (KubeEdge 1.10-1.13): the same parsing, //go:build line, more helpers around it.</summary>
    V103,
    /// <summary>1.1.x (KubeEdge 1.14-1.22): SplitN, conversion error returned bare.</summary>
    V11,
    /// <summary>1.2.x (KubeEdge 1.23): strings.Cut instead of SplitN.</summary>
    V12,
}
