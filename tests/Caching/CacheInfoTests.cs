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
    public async Task Clean_keeps_the_output_cache_unless_the_option_names_it()
    {
        await StoreOneEntryAsync();
        (Cache.Parent / "ccache").CreateDirectory();
        // Where CI would name it: a parameters file, not the command line.
        await File.WriteAllTextAsync(_copy.Root / ".nuke" / "parameters.json", $$"""{ "Board": "rk3568", "outputs-cache": "{{Cache}}" }""");

        _copy.Run("Clean").ExitCode.ShouldBe(0);
        Cache.DirectoryExists().ShouldBeTrue();
        var (_, code, output) = _copy.Run("Clean", "--outputs-cache", Cache);

        code.ShouldBe(0, output);
        Cache.DirectoryExists().ShouldBeFalse();
        (Cache.Parent / "ccache").DirectoryExists().ShouldBeFalse();
    }

    [Fact(Timeout = 60000)]
    public async Task Clean_with_the_bare_option_removes_the_cache_the_other_sources_name()
    {
        await StoreOneEntryAsync();
        (Cache.Parent / "ccache").CreateDirectory();
        await File.WriteAllTextAsync(_copy.Root / ".nuke" / "parameters.json", $$"""{ "Board": "rk3568", "outputs-cache": "{{Cache}}" }""");

        var (_, code, output) = _copy.Run("Clean", "--outputs-cache");

        code.ShouldBe(0, output);
        output.ShouldContain($"Removed the output cache {Cache}");
        Cache.DirectoryExists().ShouldBeFalse();
        (Cache.Parent / "ccache").DirectoryExists().ShouldBeFalse();
    }

    [Fact]
    public void The_help_says_how_to_remove_the_cache()
    {
        var (_, code, output) = _copy.Run("--help");

        code.ShouldBe(0, output);
        output.ShouldContain("./build.sh Clean --outputs-cache [DIR]");
    }

    public void Dispose() => _copy.Dispose();
}
