using System.Formats.Tar;
using EdgeBuild.Engine;
using EdgeBuild.Extraction;
using EdgeBuild.Tests.Support;
using EdgeBuild.Tooling;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Extraction;

/// <summary>
/// Random archives of dirs, files, symlinks and hard links over a few names: whatever SafeExtractor accepts or
/// refuses, nothing outside the destination is written, and nothing outside is read into it or through it.
/// Seeded and bounded; a failure names its seed (EDGE_BUILD_PROPERTY_SEED=&lt;seed&gt; replays one case).
/// </summary>
[Trait("Tier", "Fast")]
public sealed class ConfinementPropertyTests
{
    private const int BaseSeed = 20261129;
    private const int Cases = 300;
    private const string Secret = "SECRET-OUTSIDE";
    private static readonly string[] Names = ["a", "b", "c"];

    [Fact(Timeout = 120000)]
    public async Task No_random_archive_writes_or_reads_outside_its_destination()
    {
        var replay = Environment.GetEnvironmentVariable("EDGE_BUILD_PROPERTY_SEED");
        var seeds = replay is null ? Enumerable.Range(BaseSeed, Cases) : [int.Parse(replay)];
        using var all = new TempDirectory();
        var links = new List<(int Seed, string Destination, string Link)>();
        foreach (var seed in seeds)
        {
            try { links.AddRange(CheckOne(seed, Path.Combine(all.Path, seed.ToString())).Select(l => (seed, l.Destination, l.Link))); }
            catch (Exception e) when (e is not UnsafeArchiveException)
            {
                throw new ShouldAssertException($"Seed {seed} failed (replay: EDGE_BUILD_PROPERTY_SEED={seed}): {e.Message}", e);
            }
        }
        // Most random archives collide and are refused; enough must keep links, or only the refusals are tested.
        var withLinks = links.Select(l => l.Seed).Distinct().Count();
        if (replay is null) withLinks.ShouldBeGreaterThan(Cases / 30, $"only {withLinks} of {Cases} archives kept a link");

        // The operating system's own resolution of every kept link (one realpath for all cases) must stay inside.
        if (links.Count == 0) return;
        var real = (await ProcessRunner.OutputOfAsync("realpath", ["-m", "--", .. links.Select(l => l.Link)])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        real.Length.ShouldBe(links.Count);
        foreach (var ((seed, destination, link), target) in links.Zip(real))
            (target == destination || target.StartsWith(destination + "/", StringComparison.Ordinal))
                .ShouldBeTrue($"Seed {seed} (replay: EDGE_BUILD_PROPERTY_SEED={seed}): {link} -> {new FileInfo(link).LinkTarget} resolves to {target}");
    }

    // Extracts one random archive; returns the links it kept, for the caller to resolve.
    private static IEnumerable<(string Destination, string Link)> CheckOne(int seed, string caseDirectory)
    {
        var dir = new CaseDirectory(caseDirectory);
        var random = new Random(seed);
        // Decoys around the destination: a sibling directory with a file, and the box the destination sits in.
        // Nested deep enough that a few "../" from the destination still land inside the snapshot.
        var outside = Directory.CreateDirectory(dir["n1/n2/n3/n4/outside"]).FullName;
        File.WriteAllText(Path.Combine(outside, "a"), Secret);
        var box = Directory.CreateDirectory(dir["n1/n2/n3/n4/box"]).FullName;
        var destination = Path.Combine(box, "out");
        var archive = ArchiveFixture.TarGz(dir["random.tar.gz"], w => { foreach (var entry in RandomEntries(random, outside)) w.WriteEntry(entry); });
        var before = Snapshot(dir.Path, destination);

        var ok = true;
        try { SafeExtractor.ExtractAsync(archive, destination, CancellationToken.None, stripTopLevel: false).GetAwaiter().GetResult(); }
        catch (BuildException) { ok = false; }

        Snapshot(dir.Path, destination).ShouldBe(before, "files outside the destination changed");
        if (!ok)
        {
            Directory.GetFileSystemEntries(box).ShouldBeEmpty("a refused archive left its staging tree");
            return [];
        }
        var links = new List<string>();
        foreach (var path in Walk(destination))
        {
            if (new FileInfo(path).LinkTarget is not null) { links.Add(path); continue; }
            if (File.Exists(path)) File.ReadAllText(path).ShouldNotContain(Secret, customMessage: $"{path} holds a file read from outside");
        }
        return links.Select(l => (destination, l));
    }

    private sealed class CaseDirectory(string path)
    {
        public string Path { get; } = Directory.CreateDirectory(path).FullName;
        public string this[string relative] => System.IO.Path.Combine(Path, relative);
    }

    private static IEnumerable<TarEntry> RandomEntries(Random random, string outside)
    {
        var count = random.Next(1, 9);
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = RandomPath(random, 1, 3);
            switch (random.Next(8))
            {
                case 0 or 1:
                    yield return new PaxTarEntry(TarEntryType.Directory, name + "/");
                    break;
                case 2 or 3:
                    yield return new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = RandomTarget(random, outside) };
                    break;
                case 4:
                    // Mostly a file named earlier (through whatever links turned up since), sometimes anything.
                    var target = files.Count > 0 && random.Next(3) > 0 ? files[random.Next(files.Count)] : RandomTarget(random, outside);
                    yield return new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target };
                    break;
                default:
                    files.Add(name);
                    yield return new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("inside"u8.ToArray()) };
                    break;
            }
        }
    }

    private static string RandomPath(Random random, int min, int max) =>
        string.Join('/', Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Names[random.Next(Names.Length)]));

    // Names, ".", ".." and the decoy's absolute path: every way a link could point back, up, or out.
    private static string RandomTarget(Random random, string outside)
    {
        if (random.Next(10) == 0) return outside;
        var parts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(10) switch
        {
            0 or 1 => "..",
            2 => ".",
            3 => "outside",
            _ => Names[random.Next(Names.Length)],
        });
        return string.Join('/', parts);
    }

    // Every entry outside the destination, with a file's content: what must not change.
    private static List<string> Snapshot(string root, string destination) =>
        [.. Walk(root).Where(p => p != destination && !p.StartsWith(destination + "/", StringComparison.Ordinal) && !p.EndsWith(".tar.gz", StringComparison.Ordinal))
            .Select(p => File.Exists(p) && new FileInfo(p).LinkTarget is null ? $"{p}={File.ReadAllText(p)}" : p).Order(StringComparer.Ordinal)];

    // Never descends through a link, so it sees the tree as written.
    private static IEnumerable<string> Walk(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            yield return entry;
            if (new FileInfo(entry).LinkTarget is null && Directory.Exists(entry))
                foreach (var inner in Walk(entry)) yield return inner;
        }
    }
}
