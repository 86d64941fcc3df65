using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>Supported versions and the Kubernetes compatibility matrix, as data.</summary>
[Trait("Tier", "Fast")]
public class KubeEdgeCatalogTests
{
    [Fact]
    public void An_unsupported_version_fails_listing_the_supported_ones()
    {
        var e = Should.Throw<BuildException>(() => Repository.Catalog.Resolve("1.8.2"));

        e.Message.ShouldContain("KubeEdge 1.8.2 is not supported");
        e.Message.ShouldContain("1.9.x");
        e.Message.ShouldContain("1.23.x");
    }

    [Fact]
    public void A_point_release_with_or_without_v_resolves_to_the_series_of_its_minor()
    {
        var catalog = Repository.Catalog;

        var withV = catalog.Resolve("v1.9.1");
        var older = catalog.Resolve("1.9.0");
        var current = catalog.Resolve("1.23.1");

        withV.Version.ShouldBe(new Version(1, 9, 1));
        withV.Series.ShouldBe(older.Series);
        withV.Series.Minor.ShouldBe("1.9");
        current.Series.Minor.ShouldBe("1.23");
        current.RootDirEdits.ConstantsFor("/mnt/f2fs/").Values.ShouldAllBe(path => path.StartsWith("/mnt/f2fs/"));
    }

    [Theory]
    [InlineData("1.9.1", "1.21", CompatibilityVerdict.Exact)]
    [InlineData("1.9.1", "v1.21.0", CompatibilityVerdict.Exact)]
    [InlineData("1.9.1", "1.30", CompatibilityVerdict.Outside)]
    [InlineData("1.23.1", "1.31", CompatibilityVerdict.Exact)]
    [InlineData("1.23.1", "1.28", CompatibilityVerdict.Partial)]
    [InlineData("1.23.1", "1.21", CompatibilityVerdict.Outside)]
    public void Kubernetes_versions_are_judged_by_the_matrix(string kubeEdge, string kubernetes, CompatibilityVerdict expected) =>
        KubernetesCompatibility.Judge(Repository.Catalog.Resolve(kubeEdge), kubernetes).ShouldBe(expected);

    [Fact]
    public void Outside_the_matrix_is_a_warning_and_with_strict_an_error()
    {
        var release = Repository.Catalog.Resolve("1.9.1");

        var lenient = KubernetesCompatibility.Check(release, "1.30", strict: false);
        var e = Should.Throw<BuildException>(() => KubernetesCompatibility.Check(release, "1.30", strict: true));

        lenient.ShouldBe(CompatibilityVerdict.Outside);
        e.Message.ShouldContain("exactly compatible are 1.16 to 1.22");
        e.Message.ShouldContain("--strict");
    }

    [Fact]
    public void Go_versions_are_compared_with_what_each_release_needs()
    {
        GoToolchainProbe.Parse("go1.19.8").ShouldBe(new Version(1, 19, 8));
        GoToolchainProbe.CanBuild(new Version(1, 19, 8), Repository.Catalog.Resolve("1.9.1")).ShouldBeTrue();
        GoToolchainProbe.CanBuild(new Version(1, 19, 8), Repository.Catalog.Resolve("1.23.1")).ShouldBeFalse();
        GoToolchainProbe.CanBuild(new Version(1, 22, 9), Repository.Catalog.Resolve("1.22.2")).ShouldBeTrue();
        GoToolchainProbe.CanBuild(null, Repository.Catalog.Resolve("1.9.1")).ShouldBeFalse();
    }
}
