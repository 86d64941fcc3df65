using EdgeBuild.Engine;
using EdgeBuild.Manifests;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Manifests;

[Trait("Tier", "Fast")]
public sealed class ArtifactManifestTests : IDisposable
{
    private readonly AbsolutePath _board = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}", "rk3568"));

    private static ManifestEntry Template(string component) => new()
    {
        Component = component, Version = "1.0", Source = $"{component}-1.0.tar.gz sha256:00", License = "MIT", Target = "Test", Arch = "arm64",
    };

    private string Write(string relative, string content)
    {
        var path = _board / relative;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact(Timeout = 60000)]
    public async Task Entries_recorded_from_parallel_targets_are_all_kept()
    {
        var files = Enumerable.Range(0, 40).Select(i => Write($"userland/arm64/bin/tool{i}", $"content {i}")).ToList();

        await Task.WhenAll(files.Select((f, i) => Task.Run(() => new ArtifactManifest(_board).RecordFileAsync(f, Template($"tool{i}"), CancellationToken.None))));

        var entries = new ArtifactManifest(_board).Read();
        entries.Count.ShouldBe(40);
        entries.Select(e => e.Path).ShouldBe(entries.Select(e => e.Path).Order(StringComparer.Ordinal));
        var entry = entries.Single(e => e.Path == "userland/arm64/bin/tool7");
        entry.Size.ShouldBe("content 7".Length);
        entry.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("content 7"u8.ToArray())));
        entry.Component.ShouldBe("tool7");
    }

    [Fact(Timeout = 60000)]
    public async Task Recording_a_path_again_replaces_its_entry()
    {
        var manifest = new ArtifactManifest(_board);
        var path = Write("userland/arm64/bin/ip", "old");
        await manifest.RecordFileAsync(path, Template("iproute2"), CancellationToken.None);
        File.WriteAllText(path, "newer bytes");

        await manifest.RecordFileAsync(path, Template("iproute2") with { Version = "2.0", Changes = ["0001-fix.patch (Upstream: yes)"] }, CancellationToken.None);

        var entry = manifest.Read().ShouldHaveSingleItem();
        entry.Version.ShouldBe("2.0");
        entry.Size.ShouldBe("newer bytes".Length);
        entry.Changes.ShouldBe(["0001-fix.patch (Upstream: yes)"]);
    }

    public void Dispose()
    {
        if (_board.Parent.DirectoryExists()) Directory.Delete(_board.Parent, recursive: true);
    }
}
