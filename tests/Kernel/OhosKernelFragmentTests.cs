using EdgeBuild.Tests.Support;
using System.Security.Cryptography;
using EdgeBuild.Engine;
using EdgeBuild.Kernel;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Kernel;

public class OhosKernelFragmentTests
{
    private const string Defconfig31 = "kernel/linux/config/linux-5.10/arch/arm64/configs/rk3568_standard_defconfig";
    private const string Layers = "kernel/linux/config/linux-5.10";
    private static readonly OhosKernelFragment Merger = OhosKernelFragment.FromTargets(KernelTestData.TargetsDirectory);
    private static readonly ConfigFragment Fragment = ConfigFragment.Load(KernelTestData.Fragment);

    [Theory]
    [InlineData("3.1")]
    [InlineData("3.2")]
    public void The_fragment_lands_in_the_full_defconfig_and_the_result_passes_the_check(string ohosVersion)
    {
        // Arrange
        using var tree = KernelTestData.NewTemp();
        var file = tree[Defconfig31];
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.Copy(KernelTestData.Defconfig(ohosVersion), file);
        var original = File.ReadAllBytes(file);

        // Act
        var changes = Merger.Apply(tree.Path, ohosVersion, KernelTestData.Fragment, dryRun: false);

        // Assert
        changes.Select(c => c.File).ShouldBe([file]);
        changes[0].Sha256Before.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(original)));
        changes[0].Sha256After.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
        var lines = File.ReadAllLines(file);
        lines.ShouldContain("CONFIG_VETH=y");
        lines.ShouldNotContain("# CONFIG_VETH is not set");
        foreach (var option in Fragment.Lines)
            lines.Count(l => l == option.Text || l == $"# {option.Name} is not set" || l.StartsWith(option.Name + "=")).ShouldBe(1, option.Name);
        KernelConfigChecker.FromTargets(KernelTestData.TargetsDirectory).Check(KernelConfigReader.Read(file), null).MissingNecessary.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("3.1")]
    [InlineData("3.2")]
    [InlineData("4.1")]
    public void Merging_twice_changes_nothing_the_second_time(string ohosVersion)
    {
        using var tree = KernelTestData.NewTemp();
        if (ohosVersion.StartsWith('3')) WriteFile(tree[Defconfig31], File.ReadAllText(KernelTestData.Defconfig(ohosVersion)));
        else WriteLayered(tree);
        Merger.Apply(tree.Path, ohosVersion, KernelTestData.Fragment, dryRun: false).ShouldNotBeEmpty();
        var snapshot = Snapshot(tree.Path);

        var second = Merger.Apply(tree.Path, ohosVersion, KernelTestData.Fragment, dryRun: false);

        second.ShouldBeEmpty();
        Snapshot(tree.Path).ShouldBe(snapshot);
    }

    [Fact]
    public void On_4_x_the_arch_layer_gets_the_fragment_and_later_layers_stop_overriding_it()
    {
        // Arrange
        using var tree = KernelTestData.NewTemp();
        WriteLayered(tree);

        // Act
        var changes = Merger.Apply(tree.Path, "4.1", KernelTestData.Fragment, dryRun: false);

        // Assert: merge the layers in build_kernel.sh's order, last one winning, as merge_config.sh does.
        changes.Select(c => Path.GetRelativePath(tree.Path, c.File)).Order().ShouldBe(
            [$"{Layers}/base_defconfig", $"{Layers}/rk3568/arch/arm64_defconfig", $"{Layers}/rk3568/product/rk3568_defconfig"]);
        var merged = new Dictionary<string, string>();
        foreach (var layer in new[] { "type/standard_defconfig", "rk3568/arch/arm64_defconfig", "rk3568/product/rk3568_defconfig", "base_defconfig" })
            foreach (var (name, value) in KernelTestData.GrepStates(tree[$"{Layers}/{layer}"])) merged[name] = value;
        foreach (var option in Fragment.Lines) merged[option.Name].ShouldBe(option.Value, option.Name);
        merged["CONFIG_HYPERHOLD"].ShouldBe("y");
        File.ReadAllText(tree[$"{Layers}/base_defconfig"]).ShouldNotContain("CONFIG_IP_VS");
        File.ReadAllText(tree[$"{Layers}/type/standard_defconfig"]).ShouldContain("# CONFIG_VETH is not set");
    }

    [Fact]
    public void A_dry_run_reports_the_change_and_writes_nothing()
    {
        using var tree = KernelTestData.NewTemp();
        WriteFile(tree[Defconfig31], File.ReadAllText(KernelTestData.Defconfig("3.1")));
        var before = File.ReadAllBytes(tree[Defconfig31]);

        var changes = Merger.Apply(tree.Path, "3.1", KernelTestData.Fragment, dryRun: true);

        changes.Count.ShouldBe(1);
        changes[0].Sha256After.ShouldNotBe(changes[0].Sha256Before);
        File.ReadAllBytes(tree[Defconfig31]).ShouldBe(before);
    }

    [Theory]
    [InlineData("3.2", Defconfig31)]
    [InlineData("4.0", "kernel/linux/config/linux-5.10/rk3568/arch/arm64_defconfig")]
    public void A_tree_without_the_expected_config_file_fails_naming_it(string ohosVersion, string expected)
    {
        using var tree = KernelTestData.NewTemp();
        Directory.CreateDirectory(tree["kernel/linux"]);

        var error = Should.Throw<BuildException>(() => Merger.Apply(tree.Path, ohosVersion, KernelTestData.Fragment, dryRun: false));

        error.Message.ShouldContain(tree[expected]);
        error.Message.ShouldContain("--ohos-version");
    }

    [Fact]
    public void A_version_no_layout_covers_fails_listing_the_covered_ranges()
    {
        using var tree = KernelTestData.NewTemp();

        var error = Should.Throw<BuildException>(() => Merger.Apply(tree.Path, "2.0", KernelTestData.Fragment, dryRun: false));

        error.Message.ShouldContain("3.1..4.0");
    }

    private static void WriteLayered(TempDirectory tree)
    {
        WriteFile(tree[$"{Layers}/type/standard_defconfig"], "CONFIG_NAMESPACES=y\n# CONFIG_VETH is not set\nCONFIG_HYPERHOLD=y\n");
        WriteFile(tree[$"{Layers}/rk3568/arch/arm64_defconfig"], "CONFIG_ARM64=y\n# CONFIG_BRIDGE is not set\n");
        WriteFile(tree[$"{Layers}/rk3568/product/rk3568_defconfig"], "# CONFIG_VETH is not set\nCONFIG_DRM=y\n");
        WriteFile(tree[$"{Layers}/base_defconfig"], "# CONFIG_POSIX_MQUEUE is not set\nCONFIG_HYPERHOLD=y\n");
    }

    private static void WriteFile(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
