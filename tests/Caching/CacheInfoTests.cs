using EdgeBuild.Caching;
using EdgeBuild.Engine;
using EdgeBuild.Tests.Recipes;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Caching;

[Trait("Tier", "Fast")]
public sealed class CacheInfoTests : IDisposable
{
    private readonly RepositoryCopy _copy = new();
    private AbsolutePath Cache => _copy.Root / "cache" / "outputs";

    private async Task StoreOneEntryAsync()
    {
        var file = _copy.Root / "out" / "tool";
        file.Parent.CreateDirectory();
        await File.WriteAllTextAsync(file, new string('t', 3000));
        var cache = new OutputCache(Cache, 1 << 20);
        await cache.StoreAsync(new string('c', 64), "Busybox", [file], null, default);
        await cache.TryRestoreAsync(new string('c', 64), [_copy.Root / "again" / "tool"], default);
    }

    [Fact(Timeout = 60000)]
    public async Task CacheInfo_lists_each_entry_with_its_size_and_hits()
    {
        await StoreOneEntryAsync();

        var (_, code, output) = _copy.Run("CacheInfo", "--outputs-cache", Cache);

        code.ShouldBe(0, output);
        output.ShouldMatch(@"Busybox\s+cccccccccccccccc\s+1\s+2\.9 KiB .* 1\s*\n");
        output.ShouldContain("1 entries, 2.9 KiB of 5.0 GiB");
    }

    [Fact(Timeout = 60000)]
    public async Task Clean_keeps_the_output_cache_unless_asked_to_remove_it()
    {
        await StoreOneEntryAsync();
        (Cache.Parent / "ccache").CreateDirectory();

        _copy.Run("Clean", "--outputs-cache", Cache).ExitCode.ShouldBe(0);
        Cache.DirectoryExists().ShouldBeTrue();
        var (_, code, output) = _copy.Run("Clean", "--outputs-cache", Cache, "--with-outputs-cache");

        code.ShouldBe(0, output);
        Cache.DirectoryExists().ShouldBeFalse();
        (Cache.Parent / "ccache").DirectoryExists().ShouldBeFalse();
    }

    [Fact(Timeout = 60000)]
    public async Task CleanOutputsCache_removes_the_named_cache_and_the_ccache_beside_it()
    {
        await StoreOneEntryAsync();
        (Cache.Parent / "ccache").CreateDirectory();

        var (_, code, output) = _copy.Run("CleanOutputsCache", "--outputs-cache", Cache);

        code.ShouldBe(0, output);
        Cache.DirectoryExists().ShouldBeFalse();
        (Cache.Parent / "ccache").DirectoryExists().ShouldBeFalse();
    }

    [Fact]
    public void The_option_without_a_directory_says_what_it_names_and_which_target_removes_the_cache()
    {
        var (_, code, output) = _copy.Run("Clean", "--outputs-cache");

        code.ShouldNotBe(0);
        output.ShouldContain("Option --outputs-cache needs a value. --outputs-cache: Output cache directory");
        output.ShouldContain("./build.sh CleanOutputsCache");
    }

    public void Dispose() => _copy.Dispose();
}
