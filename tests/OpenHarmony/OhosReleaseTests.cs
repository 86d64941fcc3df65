using EdgeBuild.Engine;
using Shouldly;
using Xunit;
using EdgeBuild.Tests.Support;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.OpenHarmony;

[Trait("Tier", "Fast")]
public class OhosReleaseTests
{
    [Theory]
    [InlineData("5.0", "5.0.3", "https://gitee.com/openharmony/manifest.git", "refs/tags/OpenHarmony-v5.0.3-Release")]
    [InlineData("5.0.1", "5.0.1", "https://gitee.com/openharmony/manifest.git", "refs/tags/OpenHarmony-v5.0.1-Release")]
    [InlineData("v5.0.3-Release", "5.0.3", "https://gitee.com/openharmony/manifest.git", "refs/tags/OpenHarmony-v5.0.3-Release")]
    [InlineData("5.1", "5.1.0", "https://gitee.com/openharmony/manifest.git", "refs/tags/OpenHarmony-v5.1.0-Release")]
    [InlineData("6.0", "6.0.0.2", "https://gitee.com/openharmony/manifest.git", "refs/tags/OpenHarmony-v6.0.0.2-Release")]
    [InlineData("6.0.0.1", "6.0.0.1", "https://gitee.com/openharmony/manifest.git", "refs/tags/OpenHarmony-v6.0.0.1-Release")]
    [InlineData("6.1", "6.1", "https://gitcode.com/openharmony/manifest.git", "refs/tags/OpenHarmony-v6.1-Release")]
    [InlineData("6.1-LTS", "6.1-LTS", "https://gitcode.com/openharmony/manifest.git", "OpenHarmony-6.1-LTS")]
    [InlineData("7.0", "7.0", "https://gitcode.com/openharmony/manifest.git", "OpenHarmony-7.0-Release")]
    [InlineData("3.1", "3.1", "https://gitee.com/openharmony/manifest.git", "refs/tags/OpenHarmony-v3.1-Release")]
    [InlineData("4.1.0", "4.1", "https://gitee.com/openharmony/manifest.git", "refs/tags/OpenHarmony-v4.1-Release")]
    public void An_ohos_version_names_a_line_for_its_newest_tag_or_one_release_exactly(string requested, string release, string url, string revision)
    {
        var version = OhosFixtureTree.Catalog.Find(requested);

        version.Release.ShouldBe(release);
        version.Manifest.Url.ShouldBe(url);
        version.Manifest.Revision.ShouldBe(revision);
    }

    [Fact]
    public void A_point_release_the_data_does_not_know_fails_listing_the_known_ones()
    {
        var error = Should.Throw<BuildException>(() => OhosFixtureTree.Catalog.Find("5.0.9"));

        error.Message.ShouldContain("5.0.0, 5.0.1, 5.0.2, 5.0.3");
        error.Message.ShouldContain("targets/openharmony/5.0.json");
    }

    [Theory]
    [InlineData("refs/tags/OpenHarmony-v5.0.1-Release", "5.0", "5.0.1")]
    [InlineData("refs/tags/OpenHarmony-v6.0.0.1-Release", "6.0", "6.0.0.1")]
    [InlineData("OpenHarmony-6.1-LTS", "6.1", "6.1-LTS")]
    [InlineData("refs/tags/OpenHarmony-v4.1.4-Release", "4.1", "4.1.4")]
    public void A_synced_tree_reports_its_point_release_from_the_repo_manifest(string revision, string line, string release)
    {
        using var tree = OhosFixtureTree.Create("4.1");
        tree.Write(".repo/manifests/default.xml", $"""<manifest><default remote="origin" revision="{revision}" sync-j="4"/></manifest>""");

        var version = OhosFixtureTree.Catalog.Resolve(null, tree.Root);

        version.Version.ShouldBe(line);
        version.ReleaseName.ShouldBe(release);
    }

    [Fact]
    public void The_seeds_3_1_stays_the_default_and_the_current_profile_names_the_newest_line()
    {
        var catalog = OhosFixtureTree.Catalog;
        var current = File.ReadAllText(RepositoryRoot.Absolute / ".nuke" / "parameters.current.json");

        catalog.Resolve(null, null).Version.ShouldBe("3.1");
        current.ShouldContain($"\"OhosVersion\": \"{catalog.Versions[^1].Version}\"");
    }
}
