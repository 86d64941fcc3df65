using EdgeBuild.Engine;
using EdgeBuild.Testing;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Only tests whose name matches this dotnet test filter.")] public readonly string? TestFilter;
    [Parameter("Test: only the fast tier (Tier=Fast), run with no Docker engine and no toolchain or qemu on PATH.")] public readonly bool Fast;

    /// <summary>Runs the xunit suite against real toolchains, qemu and a Docker engine (a private dockerd when none answers).</summary>
    Target Test => _ => _
        .Description("Runs the test suite; --fast: only the fast tier, without toolchains, qemu or Docker; with --install-prerequisites first installs what it needs; starts a private dockerd when none answers.")
        .Executes(async ct =>
        {
            var suite = new TestSuite(RootDirectory, ToolchainsDirectory, TemporaryDirectory);
            if (InstallPrerequisites && !Fast) await suite.InstallPrerequisitesAsync(ct);
            await suite.RunAsync(TestFilter, Fast, ct);
        });
}
