using EdgeBuild.Recipes;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

/// <summary>Busybox rebuilt in its kept tree after a config fragment change gives the bytes of a clean build of the same inputs.</summary>
[Trait("Tier", "Integration")]
public sealed class BuildTreeReuseTests : IDisposable
{
    private readonly RepositoryCopy _kept = new();
    private readonly RepositoryCopy _clean = new();

    private static (int Code, string Output) Busybox(RepositoryCopy copy, string sources)
    {
        var (_, code, output) = copy.Run("Busybox", "--profile", "bookworm", "--sources-dir", sources, "--offline", "--downloads-dir", copy.Root / "downloads");
        return (code, output);
    }

    private static void TurnOffCal(RepositoryCopy copy) =>
        File.AppendAllText(copy.Root / "patches" / "busybox" / KconfigFragment.FileName, "# CONFIG_CAL is not set\n");

    private static byte[] Binary(RepositoryCopy copy) => File.ReadAllBytes(copy.Root / "artifacts" / "rk3568" / "userland" / "arm64" / "bin" / "busybox");

    [Fact(Timeout = 900000)]
    public async Task After_a_config_fragment_change_the_kept_tree_rebuilds_to_the_bytes_of_a_clean_build()
    {
        var sources = await DebianSources.EnsureBookwormAsync(RepositoryRoot.Absolute);
        var first = Busybox(_kept, sources);
        first.Code.ShouldBe(0, first.Output);
        var before = Binary(_kept);

        TurnOffCal(_kept);
        var rebuilt = Busybox(_kept, sources);
        TurnOffCal(_clean);
        var clean = Busybox(_clean, sources);

        rebuilt.Code.ShouldBe(0, rebuilt.Output);
        rebuilt.Output.ShouldContain(Recipe.ReusedNote);
        clean.Code.ShouldBe(0, clean.Output);
        clean.Output.ShouldNotContain(Recipe.ReusedNote);
        Binary(_kept).ShouldNotBe(before);
        Binary(_kept).ShouldBe(Binary(_clean));
    }

    public void Dispose()
    {
        _kept.Dispose();
        _clean.Dispose();
    }
}
