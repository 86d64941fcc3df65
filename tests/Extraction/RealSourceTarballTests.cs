using EdgeBuild.Extraction;
using EdgeBuild.Testing;
using EdgeBuild.Tests.Recipes;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Extraction;

/// <summary>The confinement rules accept the real upstream tarballs the build uses (Debian bookworm's .orig tarballs).</summary>
[Trait("Tier", "Integration")]
public sealed class RealSourceTarballTests
{
    [Theory(Timeout = 300000)]
    [InlineData("busybox-1.35.0.tar.bz2", "Makefile")]
    [InlineData("iproute2-6.1.0.tar.xz", "configure")]
    [InlineData("iptables-1.8.9.tar.xz", "configure")]
    public async Task A_real_source_tarball_unpacks_whole_within_the_limits(string file, string expected)
    {
        // Arrange
        var sources = await DebianSources.EnsureBookwormAsync(RepositoryCopy.RepositoryRoot());
        using var dir = new TempDirectory();

        // Act
        await SafeExtractor.ExtractAsync(sources / file, dir["src"], CancellationToken.None, stripTopLevel: true);

        // Assert
        File.Exists(Path.Combine(dir["src"], expected)).ShouldBeTrue();
        Directory.EnumerateFiles(dir["src"], "*", SearchOption.AllDirectories).Count().ShouldBeGreaterThan(100);
    }
}
