using EdgeBuild.Tests.Support;
using System.Security.Cryptography;
using EdgeBuild.Engine;
using EdgeBuild.Kernel;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Kernel;

[Trait("Tier", "Fast")]
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
        var changes = Merger.Apply(tree.Path, ohosVersion, "linux-5.10", KernelTestData.Fragment, dryRun: false);

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
        Merger.Apply(tree.Path, ohosVersion, "linux-5.10", KernelTestData.Fragment, dryRun: false).ShouldNotBeEmpty();
        var snapshot = Snapshot(tree.Path);

        var second = Merger.Apply(tree.Path, ohosVersion, "linux-5.10", KernelTestData.Fragment, dryRun: false);

        second.ShouldBeEmpty();
        Snapshot(tree.Path).ShouldBe(snapshot);
    }

    [Theory]
    [InlineData("4.0", "", "linux-5.10")]
    [InlineData("4.1", "", "linux-5.10")]
    [InlineData("5.0.3", "", "linux-5.10")]
    [InlineData("5.0", "linux_kernel_version=linux-6.6", "linux-6.6")]
    [InlineData("5.1", "", "linux-6.6")]
    [InlineData("6.0.0.2", "", "linux-6.6")]
    [InlineData("6.1", "", "linux-6.6")]
    [InlineData("7.0", "", "linux-6.6")]
    [InlineData("6.1", "linux_kernel_version=linux-5.10", "linux-5.10")]
    public void On_4_x_and_later_the_arch_layer_of_the_kernel_the_tree_builds_gets_the_fragment_and_later_layers_stop_overriding_it(
        string ohosVersion, string gnArg, string expectedKernel)
    {
        // Arrange: both config trees, as 5.0+ ship them; only the one the tree builds may change.
        using var tree = KernelTestData.NewTemp();
        var version = Catalog.Find(ohosVersion);
        var kernel = version.KernelFor(gnArg.Length > 0 ? [gnArg] : []);
        kernel.ShouldBe(expectedKernel);
        WriteLayered(tree, "kernel/linux/config/linux-5.10");
        WriteLayered(tree, "kernel/linux/config/linux-6.6");
        var layers = $"kernel/linux/config/{kernel}";
        var other = $"kernel/linux/config/{(kernel == "linux-6.6" ? "linux-5.10" : "linux-6.6")}";
        var untouched = Snapshot(tree[other]);

        // Act
        var changes = Merger.Apply(tree.Path, version.Version, kernel, KernelTestData.Fragment, dryRun: false);

        // Assert: merge the layers in build_kernel.sh's order, last one winning, as merge_config.sh does.
        changes.Select(c => Path.GetRelativePath(tree.Path, c.File)).Order().ShouldBe(
            [$"{layers}/base_defconfig", $"{layers}/rk3568/arch/arm64_defconfig", $"{layers}/rk3568/product/rk3568_defconfig"]);
        var merged = new Dictionary<string, string>();
        foreach (var layer in new[] { "type/standard_defconfig", "rk3568/arch/arm64_defconfig", "rk3568/product/rk3568_defconfig", "base_defconfig" })
            foreach (var (name, value) in KernelTestData.GrepStates(tree[$"{layers}/{layer}"])) merged[name] = value;
        foreach (var option in Fragment.Lines) merged[option.Name].ShouldBe(option.Value, option.Name);
        merged["CONFIG_HYPERHOLD"].ShouldBe("y");
        File.ReadAllText(tree[$"{layers}/base_defconfig"]).ShouldNotContain("CONFIG_IP_VS");
        File.ReadAllText(tree[$"{layers}/type/standard_defconfig"]).ShouldContain("# CONFIG_VETH is not set");
        Snapshot(tree[other]).ShouldBe(untouched);
    }

    [Fact]
    public void A_kernel_the_line_has_no_config_for_fails_naming_the_gn_arg()
    {
        var error = Should.Throw<BuildException>(() => Catalog.Find("4.1").KernelFor(["linux_kernel_version=linux-6.6"]));

        error.Message.ShouldContain("linux_kernel_version=linux-6.6");
        error.Message.ShouldContain("linux-5.10");
    }

    [Theory]
    [InlineData("4.0", "linux-5.10")]
    [InlineData("5.0", "linux-5.10")]
    [InlineData("6.1", "linux-6.6")]
    [InlineData("7.0", "linux-6.6")]
    public async Task A_changed_fragment_makes_the_board_scripts_source_checker_copy_the_kernel_config_again(string ohosVersion, string kernel)
    {
        // Arrange: a tree built before (checkpoint equal to what the checker computes now), checked by a script of
        // kernel_source_checker.sh's shape: git log of the config repository does not see an uncommitted edit.
        using var tree = KernelTestData.NewTemp();
        WriteLayered(tree, $"kernel/linux/config/{kernel}");
        WriteFile(tree["source_checker.sh"], SourceChecker);
        (await CheckerSaysAsync(tree)).ShouldBe("changed");
        (await CheckerSaysAsync(tree)).ShouldBe("skip", "the fixture checker must skip an unchanged tree, as the board script does");
        File.SetLastWriteTimeUtc(tree[Checkpoint], DateTime.UtcNow.AddMinutes(5));

        // Act
        var changes = Merger.Apply(tree.Path, Catalog.Find(ohosVersion).Version, kernel, KernelTestData.Fragment, dryRun: false);

        // Assert
        changes.Select(c => Path.GetRelativePath(tree.Path, c.File)).ShouldContain(Checkpoint);
        File.Exists(tree[Checkpoint]).ShouldBeFalse();
        (await CheckerSaysAsync(tree)).ShouldBe("changed");
        File.SetLastWriteTimeUtc(tree[Checkpoint], DateTime.UtcNow.AddMinutes(10));
        Merger.Apply(tree.Path, Catalog.Find(ohosVersion).Version, kernel, KernelTestData.Fragment, dryRun: false).ShouldBeEmpty();
        File.Exists(tree[Checkpoint]).ShouldBeTrue("an unchanged, already built fragment keeps the checkpoint (no needless kernel rebuild)");
    }

    [Fact]
    public void A_config_merged_after_the_last_build_removes_the_checkpoint_even_when_nothing_changes_now()
    {
        using var tree = KernelTestData.NewTemp();
        WriteLayered(tree, "kernel/linux/config/linux-6.6");
        Merger.Apply(tree.Path, "6.1", "linux-6.6", KernelTestData.Fragment, dryRun: false);
        WriteFile(tree[Checkpoint], "kernel/linux/config:\ncommit 1\n");
        File.SetLastWriteTimeUtc(tree[Checkpoint], DateTime.UtcNow.AddHours(-1));

        var changes = Merger.Apply(tree.Path, "6.1", "linux-6.6", KernelTestData.Fragment, dryRun: false);

        changes.Single().Sha256After.ShouldBe("absent");
        File.Exists(tree[Checkpoint]).ShouldBeFalse();
    }

    [Fact]
    public void A_dry_run_reports_the_change_and_writes_nothing()
    {
        using var tree = KernelTestData.NewTemp();
        WriteFile(tree[Defconfig31], File.ReadAllText(KernelTestData.Defconfig("3.1")));
        var before = File.ReadAllBytes(tree[Defconfig31]);

        var changes = Merger.Apply(tree.Path, "3.1", "linux-5.10", KernelTestData.Fragment, dryRun: true);

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

        var error = Should.Throw<BuildException>(() => Merger.Apply(tree.Path, ohosVersion, "linux-5.10", KernelTestData.Fragment, dryRun: false));

        error.Message.ShouldContain(tree[expected]);
        error.Message.ShouldContain("--ohos-version");
    }

    [Fact]
    public void A_version_no_layout_covers_fails_listing_the_covered_ranges()
    {
        using var tree = KernelTestData.NewTemp();

        var error = Should.Throw<BuildException>(() => Merger.Apply(tree.Path, "2.0", "linux-5.10", KernelTestData.Fragment, dryRun: false));

        error.Message.ShouldContain("3.1..4.0 linux-5.10");
    }

    private const string Checkpoint = "out/kernel/checkpoint/last_build.info";

    // The shape of device_board_hihope rk3568/kernel/kernel_source_checker.sh is_kernel_change: touch the record, write
    // what git log says now (a fixed commit here: the fragment merge is never committed), diff, and save after a build.
    private const string SourceChecker = """
        #!/bin/sh
        info=out/kernel/checkpoint
        mkdir -p $info
        touch $info/last_build.info
        printf 'kernel/linux/config:\ncommit 1\n' > $info/current_build.info
        if diff $info/last_build.info $info/current_build.info >/dev/null; then echo skip
        else echo changed; cp $info/current_build.info $info/last_build.info; fi

        """;

    private static readonly EdgeBuild.OpenHarmony.OhosCatalog Catalog =
        EdgeBuild.OpenHarmony.OhosCatalog.Load(AbsolutePath.Create(Path.Combine(KernelTestData.TargetsDirectory, "openharmony")));

    private static async Task<string> CheckerSaysAsync(TempDirectory tree) =>
        await EdgeBuild.Tooling.ProcessRunner.OutputOfAsync("sh", [tree["source_checker.sh"]], new EdgeBuild.Tooling.ProcessOptions { WorkingDirectory = tree.Path });

    private static void WriteLayered(TempDirectory tree, string layers = Layers)
    {
        WriteFile(tree[$"{layers}/type/standard_defconfig"], "CONFIG_NAMESPACES=y\n# CONFIG_VETH is not set\nCONFIG_HYPERHOLD=y\n");
        WriteFile(tree[$"{layers}/rk3568/arch/arm64_defconfig"], "CONFIG_ARM64=y\n# CONFIG_BRIDGE is not set\n");
        WriteFile(tree[$"{layers}/rk3568/product/rk3568_defconfig"], "# CONFIG_VETH is not set\nCONFIG_DRM=y\n");
        WriteFile(tree[$"{layers}/base_defconfig"], "# CONFIG_POSIX_MQUEUE is not set\nCONFIG_HYPERHOLD=y\n");
    }

    private static void WriteFile(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
