using Xunit;

namespace EdgeBuild.Tests.Packaging;

/// <summary>Tests that run the real build in-process: one at a time, since the engine's log sink is process-wide.</summary>
[CollectionDefinition("packaging targets", DisableParallelization = true)]
public sealed class PackagingTargetsCollection;
