using EdgeBuild.Caching;
using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Caching;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait("Tier", "Fast")]
public sealed class OutputCacheTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private const string Key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private AbsolutePath Root => AbsolutePath.Create(_temp["cache"]);

    /// <summary>A file output (an executable) and a directory output with a subfolder and a symbolic link, under <paramref name="artifacts"/>.</summary>
    private IReadOnlyList<string> Outputs(string artifacts) => [Path.Combine(_temp[artifacts], "bin", "tool"), Path.Combine(_temp[artifacts], "set")];

    private IReadOnlyList<string> Produce(string artifacts)
    {
        var outputs = Outputs(artifacts);
        _temp.Write($"{artifacts}/bin/tool", "#!/bin/sh\necho tool\n");
        File.SetUnixFileMode(outputs[0], (UnixFileMode)0b111_101_101);
        _temp.Write($"{artifacts}/set/a.txt", "alpha");
        _temp.Write($"{artifacts}/set/sub/b.bin", new string('b', 5000));
        File.CreateSymbolicLink(Path.Combine(outputs[1], "link"), "a.txt");
        return outputs;
    }

    private static string EntryFiles(AbsolutePath root) => root / "entries" / Key / "files";

    [Fact(Timeout = 30000)]
    public async Task A_hit_restores_byte_identical_outputs_with_modes_and_links_into_a_fresh_directory()
    {
        var stored = Produce("first");
        (await new OutputCache(Root, 1 << 20).StoreAsync(Key, "Tool", stored, "extra data", default)).ShouldBeTrue();

        var fresh = Outputs("fresh");
        var entry = await new OutputCache(Root, 1 << 20).TryRestoreAsync(Key, fresh, default);

        entry.ShouldNotBeNull().Extra.ShouldBe("extra data");
        File.ReadAllBytes(fresh[0]).ShouldBe(File.ReadAllBytes(stored[0]));
        File.GetUnixFileMode(fresh[0]).ShouldBe(File.GetUnixFileMode(stored[0]));
        File.ReadAllBytes(Path.Combine(fresh[1], "sub", "b.bin")).ShouldBe(File.ReadAllBytes(Path.Combine(stored[1], "sub", "b.bin")));
        new FileInfo(Path.Combine(fresh[1], "link")).LinkTarget.ShouldBe("a.txt");
        File.ReadAllText(Path.Combine(fresh[1], "link")).ShouldBe("alpha");
    }

    [Fact(Timeout = 30000)]
    public async Task A_miss_restores_nothing()
    {
        var cache = new OutputCache(Root, 1 << 20);

        (await cache.TryRestoreAsync(Key, Outputs("fresh"), default)).ShouldBeNull();

        File.Exists(Outputs("fresh")[0]).ShouldBeFalse();
    }

    [Theory(Timeout = 30000)]
    [InlineData("flipped byte")]
    [InlineData("truncated file")]
    [InlineData("missing entry.json")]
    [InlineData("unreadable entry.json")]
    public async Task A_corrupted_entry_is_detected_dropped_and_filled_again(string damage)
    {
        var stored = Produce("first");
        var cache = new OutputCache(Root, 1 << 20);
        await cache.StoreAsync(Key, "Tool", stored, null, default);
        var file = Path.Combine(EntryFiles(Root), "1", "sub", "b.bin");
        var entryJson = Root / "entries" / Key / "entry.json";
        switch (damage)
        {
            case "flipped byte": { var bytes = File.ReadAllBytes(file); bytes[1234] ^= 0x01; File.WriteAllBytes(file, bytes); break; }
            case "truncated file": File.WriteAllBytes(file, File.ReadAllBytes(file)[..100]); break;
            case "missing entry.json": File.Delete(entryJson); break;
            default: File.WriteAllText(entryJson, "{\"key\": "); break;
        }

        var restored = await cache.TryRestoreAsync(Key, Outputs("fresh"), default);

        restored.ShouldBeNull();
        (Root / "entries" / Key).DirectoryExists().ShouldBeFalse();
        (await cache.StoreAsync(Key, "Tool", stored, null, default)).ShouldBeTrue();
        (await cache.TryRestoreAsync(Key, Outputs("fresh"), default)).ShouldNotBeNull();
        File.ReadAllBytes(Path.Combine(Outputs("fresh")[1], "sub", "b.bin")).ShouldBe(File.ReadAllBytes(Path.Combine(stored[1], "sub", "b.bin")));
    }

    [Fact(Timeout = 30000)]
    public async Task A_half_filled_temp_directory_of_a_killed_run_is_never_read_and_is_removed_once_abandoned()
    {
        var stored = Produce("first");
        var cache = new OutputCache(Root, 1L << 30);
        // What a run killed while storing leaves: a temp directory with some files and no entry.json.
        var half = Root / "tmp" / $"{Key}.99999.0000";
        Directory.CreateDirectory(half / "files" / "0");
        File.Copy(stored[0], half / "files" / "0" / "tool");

        (await cache.TryRestoreAsync(Key, Outputs("fresh"), default)).ShouldBeNull();
        cache.List().ShouldBeEmpty();
        (await cache.StoreAsync(Key, "Tool", stored, null, default)).ShouldBeTrue();
        Directory.Exists(half).ShouldBeTrue(); // recent: it may belong to a run still filling it
        Directory.SetLastWriteTimeUtc(half, DateTime.UtcNow.AddDays(-2));

        cache.Evict();

        Directory.Exists(half).ShouldBeFalse();
        (await cache.TryRestoreAsync(Key, Outputs("fresh"), default)).ShouldNotBeNull();
    }

    [Fact(Timeout = 60000)]
    public async Task Concurrent_fillers_and_readers_of_the_same_entry_stay_correct()
    {
        var stored = Produce("first");
        var fillers = Enumerable.Range(0, 6).Select(_ => Task.Run(() => new OutputCache(Root, 1 << 20).StoreAsync(Key, "Tool", stored, "same", default)));
        var readers = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            var outputs = Outputs($"reader{i}");
            var entry = await new OutputCache(Root, 1 << 20).TryRestoreAsync(Key, outputs, default);
            // A reader either misses (nothing there yet) or restores the whole, correct entry.
            if (entry is not null) File.ReadAllBytes(Path.Combine(outputs[1], "sub", "b.bin")).ShouldBe(File.ReadAllBytes(Path.Combine(stored[1], "sub", "b.bin")));
        }));

        (await Task.WhenAll(fillers)).ShouldAllBe(stored => stored);
        await Task.WhenAll(readers);

        Directory.GetDirectories(Root / "entries").ShouldHaveSingleItem();
        var entry = await new OutputCache(Root, 1 << 20).TryRestoreAsync(Key, Outputs("after"), default);
        entry.ShouldNotBeNull().Files.Count.ShouldBe(4);
        Directory.GetDirectories(Root / "tmp").ShouldBeEmpty();
    }

    [Fact(Timeout = 30000)]
    public async Task Beyond_the_size_limit_the_least_recently_used_entry_is_evicted()
    {
        var file = _temp.Write("blob/data", new string('x', 4000));
        var cache = new OutputCache(Root, 10_000);
        var keys = new[] { "a", "b", "c" }.Select(k => new string(k[0], 64)).ToList();
        await cache.StoreAsync(keys[0], "A", [file], null, default);
        await cache.StoreAsync(keys[1], "B", [file], null, default);
        await Task.Delay(20);
        (await cache.TryRestoreAsync(keys[0], [_temp["restored/data"]], default)).ShouldNotBeNull(); // A is now the most recently used

        await cache.StoreAsync(keys[2], "C", [file], null, default);

        var left = cache.List();
        left.Select(e => e.Target).ShouldBe(["C", "A"], ignoreOrder: true);
        left.Single(e => e.Target == "A").Hits.ShouldBe(1);
        left.Sum(e => e.Size).ShouldBeLessThanOrEqualTo(10_000);
    }

    [Fact(Timeout = 30000)]
    public async Task An_output_that_does_not_exist_is_not_stored()
    {
        var cache = new OutputCache(Root, 1 << 20);

        (await cache.StoreAsync(Key, "Tool", [_temp["nothing/here"]], null, default)).ShouldBeFalse();

        cache.List().ShouldBeEmpty();
    }

    public void Dispose() => _temp.Dispose();
}
