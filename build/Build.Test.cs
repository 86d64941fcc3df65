using EdgeBuild.Engine;
using EdgeBuild.Testing;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Only tests whose name matches this dotnet test filter.")] public readonly string? TestFilter;

    /// <summary>Runs the xunit suite against real toolchains, qemu and a Docker engine (a private dockerd when none answers).</summary>
    Target Test => _ => _
        .Description("Runs the test suite; with --install-prerequisites first installs what it needs; starts a private dockerd when none answers.")
        .Executes(async ct =>
        {
            var suite = new TestSuite(RootDirectory, ToolchainsDirectory, TemporaryDirectory);
            if (InstallPrerequisites) await suite.InstallPrerequisitesAsync(ct);
            await suite.RunAsync(TestFilter, ct);
        });
}
