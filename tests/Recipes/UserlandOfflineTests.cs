using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

[Trait("Tier", "Fast")]
public sealed class UserlandOfflineTests
{
    [Fact(Timeout = 120000)]
    public async Task Userland_offline_with_nothing_at_hand_fails_listing_every_missing_source_and_builds_nothing()
    {
        using var copy = new RepositoryCopy();
        var empty = (copy.Root / "empty-sources").CreateDirectory();

        var (build, code, output) = await Task.Run(() => copy.Run("Userland", "--profile", "bookworm", "--offline",
            "--sources-dir", empty, "--downloads-dir", copy.Root / "downloads"));

        code.ShouldBe(1, output);
        foreach (var (file, sha256) in new[]
        {
            ("busybox-1.35.0.tar.bz2", "faeeb244c35a348a334f4a59e44626ee870fb07b6884d68c10ae8bc19f83a694"),
            ("iproute2-6.1.0.tar.xz", "5ce12a0fec6b212725ef218735941b2dab76244db7e72646a76021b0537b43ab"),
            ("iptables-1.8.9.tar.xz", "ef6639a43be8325a4f8ea68123ffac236cb696e8c78501b64e8106afb008c87f"),
            ("f2fs-tools-1.15.0.tar.xz", "fdb3cd583f1a26149e622a0ca022359d12d8e6d4bed95f4d2db228c111a4914b"),
        })
        {
            output.ShouldContain(file);
            output.ShouldContain(sha256);
            output.ShouldContain(empty / file);
        }
        build.Runs.Single(r => r.Name == "Busybox").Status.ShouldBe(global::EdgeBuild.Engine.TargetStatus.NotRun);
        (copy.Root / ".nuke" / "temp" / "work").DirectoryExists().ShouldBeFalse();
    }

    [Fact(Timeout = 120000)]
    public async Task FetchSources_offline_with_the_default_pins_lists_every_pinned_file_with_its_sha256()
    {
        using var copy = new RepositoryCopy();
        var pins = global::EdgeBuild.Pins.PinSet.Load(copy.Root / "targets" / "pins");

        var (_, code, output) = await Task.Run(() => copy.Run("FetchSources", "--offline", "--downloads-dir", copy.Root / "downloads"));

        code.ShouldBe(1, output);
        output.ShouldContain("busybox-1.37.0.tar.bz2");
        foreach (var file in pins.All.SelectMany(p => p.Files))
        {
            output.ShouldContain(file.FileName);
            output.ShouldContain(file.Sha256);
        }
    }
}
