using EdgeBuild.OpenHarmony;
using EdgeBuild.Engine;
using EdgeBuild.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Packaging;

[Trait("Tier", "Fast")]
public class RkDevToolConfigTests
{
    private static string Sample(string name) => Path.Combine(RepositoryRoot.Path, "tests", "data", "openharmony", name);

    [Theory]
    [InlineData("rk3568_config_v3.2.cfg", 13, "2022-09-09T16:10:13.289")]
    [InlineData("rk3568_config_v4.1.cfg", 17, "2023-11-29T15:06:17.679")]
    public void RKDevTools_own_files_read_back_identically_after_a_write(string sample, int count, string saved)
    {
        // Arrange
        var original = File.ReadAllBytes(Sample(sample));

        // Act
        var config = RkDevToolConfig.Read(original);
        var written = config.Write();
        var reread = RkDevToolConfig.Read(written);

        // Assert
        config.Entries.Count.ShouldBe(count);
        config.Saved.ShouldBe(DateTime.Parse(saved, System.Globalization.CultureInfo.InvariantCulture));
        config.Entries[0].ShouldBe(config.Entries[0] with { Name = "Loader", Address = 0, Selected = true });
        written.Length.ShouldBe(original.Length);
        written[..29].ShouldBe(original[..29]);
        reread.Saved.ShouldBe(config.Saved);
        reread.Entries.ShouldBe(config.Entries);
    }

    [Fact]
    public void The_bundles_config_puts_each_partition_at_the_address_RKDevTool_uses()
    {
        // Arrange
        var board = BoardDefinition.Load(Path.Combine(RepositoryRoot.Path, "targets", "boards"), "rk3568");
        var sample = RkDevToolConfig.Read(File.ReadAllBytes(Sample("rk3568_config_v3.2.cfg")));
        var images = OhosCatalog.Load(AbsolutePath.Create(Path.Combine(RepositoryRoot.Path, "targets", "openharmony"))).Find("3.2").RequiredImages.Concat(board.OptionalImages).ToList();

        // Act
        var ours = BundleBuilder.RkDevToolFor(board, ParameterTxt.Parse(BundleFixtures.ParameterTxt), images, 1700000000);
        var reread = RkDevToolConfig.Read(ours.Write());

        // Assert: same rows, same addresses, same ticks as RKDevTool's own file (labels differ only in case)
        static string Key(string name) => name.ToLowerInvariant().Replace('_', '-');
        reread.Entries.Select(e => (Key(e.Name), e.Address, e.Selected)).ShouldBe(sample.Entries.Select(e => (Key(e.Name), e.Address, e.Selected)));
        reread.Entries.Single(e => e.Name == "system").Path.ShouldBe(@"C:\edge-bundle\images\system.img");
        reread.Saved.ShouldBe(new DateTime(2023, 11, 14, 22, 13, 20));
    }

    [Fact]
    public void A_file_without_the_CFG_header_is_refused()
    {
        Should.Throw<EdgeBuild.Reporting.BuildException>(() => RkDevToolConfig.Read("not a config"u8)).Message.ShouldContain("no CFG header");
    }

    [Fact]
    public void Parameter_txt_partitions_come_from_the_CMDLINE_mtdparts()
    {
        var partitions = ParameterTxt.Parse(BundleFixtures.ParameterTxt);

        partitions.Select(p => p.Name).ShouldBe(["uboot", "misc", "resource", "boot_linux", "ramdisk", "system", "vendor", "sys-prod", "chip-prod", "updater", "userdata"]);
        partitions.Single(p => p.Name == "boot_linux").ShouldBe(new RockchipPartition("boot_linux", 0x9000, 0x30000, ["bootable"]), new PartitionComparer());
        partitions[^1].Size.ShouldBeNull();
    }

    private sealed class PartitionComparer : IEqualityComparer<RockchipPartition>
    {
        public bool Equals(RockchipPartition? x, RockchipPartition? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Offset == y.Offset && x.Size == y.Size && x.Flags.SequenceEqual(y.Flags);
        public int GetHashCode(RockchipPartition obj) => obj.Name.GetHashCode();
    }
}
