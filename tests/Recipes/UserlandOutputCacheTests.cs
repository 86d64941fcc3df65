using EdgeBuild.Caching;
using EdgeBuild.Engine;
using EdgeBuild.Manifests;
using EdgeBuild.Recipes;
using EdgeBuild.Tooling;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

/// <summary>The real userland targets against the output cache the shared cold build filled, from a second clone with its own artifacts directory.</summary>
[Collection(UserlandBuildCollection.Name)]
[Trait("Tier", "Integration")]
public sealed class UserlandOutputCacheTests(UserlandBuildFixture fixture)
{
    // Every userland component the data declares (busybox, iproute2, iptables, f2fs-tools, ...).
    private static readonly string[] Components = [.. ComponentSettings.LoadAll(RepositoryRoot.Absolute / "targets" / "userland.json").Select(c => c.TargetName)];

    private (Build Build, int ExitCode, string Output) RunInClone(RepositoryCopy clone) =>
        clone.Run("Userland", "--profile", "bookworm", "--sources-dir", fixture.Sources, "--offline", "--downloads-dir", clone.Root / "downloads",
            "--outputs-cache", fixture.OutputsCache, "--artifacts", clone.Root / "fresh-artifacts");

    private static string Note(Build build, string target) => string.Join("; ", build.Runs.Single(r => r.Name == target).Notes);

    [Fact(Timeout = 120000)]
    public async Task A_second_clone_restores_the_userland_byte_identical_with_its_manifest_entries()
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);
        using var clone = new RepositoryCopy();

        var (build, code, output) = RunInClone(clone);

        code.ShouldBe(0, output);
        foreach (var target in Components) Note(build, target).ShouldContain(CachedTarget.RestoredNote, customMessage: output);
        var built = new ArtifactManifest(fixture.Root / "artifacts" / "rk3568").Read();
        var restored = new ArtifactManifest(clone.Root / "fresh-artifacts" / "rk3568").Read();
        restored.Select(e => e.Path).ShouldBe(built.Where(e => Components.Contains(e.Target)).Select(e => e.Path));
        foreach (var entry in restored)
        {
            var file = clone.Root / "fresh-artifacts" / "rk3568" / entry.Path;
            (await FileHash.Sha256Async(file)).ShouldBe(entry.Sha256);
            // iproute2 may have been rebuilt with a test patch by another test of this collection; its own entry still matches its bytes.
            if (entry.Component == "iproute2") continue;
            var original = built.Single(b => b.Path == entry.Path);
            (entry with { Changes = [], Links = [] }).ShouldBe(original with { Changes = [], Links = [] });
            entry.Changes.ShouldBe(original.Changes);
            entry.Links.ShouldBe(original.Links);
        }
        new FileInfo(clone.Root / "fresh-artifacts" / "rk3568" / "userland" / "armhf" / "bin" / "iptables").LinkTarget.ShouldBe("xtables-legacy-multi");
        output.ShouldContain("BusyBox v1.35.0"); // the restored busybox was smoke-run under qemu
    }

    [Fact(Timeout = 600000)]
    public async Task A_corrupted_entry_is_dropped_and_rebuilt_with_ccache_to_the_same_bytes()
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);
        var cache = new OutputCache(fixture.OutputsCache, OutputCache.DefaultSizeLimit);
        var busybox = cache.List().Single(e => e.Target == "Busybox");
        var stored = fixture.OutputsCache / "entries" / busybox.Key / "files" / "0";
        var bytes = await File.ReadAllBytesAsync(stored);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(stored, bytes);
        using var clone = new RepositoryCopy();

        var (build, code, output) = RunInClone(clone);

        code.ShouldBe(0, output);
        output.ShouldContain($"Output cache entry {busybox.Key[..16]} dropped");
        Note(build, "Busybox").ShouldNotContain(CachedTarget.RestoredNote);
        Note(build, "Iptables").ShouldContain(CachedTarget.RestoredNote);
        // Rebuilt in another tree, compiled through ccache (filled by the cold build): the same bytes as the cold build.
        (await File.ReadAllBytesAsync(clone.Root / "fresh-artifacts" / "rk3568" / "userland" / "arm64" / "bin" / "busybox"))
            .ShouldBe(await File.ReadAllBytesAsync(fixture.Root / "artifacts" / "rk3568" / "userland" / "arm64" / "bin" / "busybox"));
        var stats = await ProcessRunner.OutputOfAsync("ccache", ["--print-stats"], new ProcessOptions
        {
            Environment = new Dictionary<string, string?> { ["CCACHE_DIR"] = fixture.OutputsCache.Parent / "ccache" },
        });
        var hits = stats.Split('\n').Where(l => l.StartsWith("direct_cache_hit\t") || l.StartsWith("preprocessed_cache_hit\t")).Sum(l => long.Parse(l.Split('\t')[1]));
        hits.ShouldBeGreaterThan(100, stats);
        cache.List().Single(e => e.Target == "Busybox").Key.ShouldBe(busybox.Key); // stored again
    }
}
