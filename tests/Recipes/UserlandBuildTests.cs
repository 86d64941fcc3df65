using EdgeBuild.Engine;
using EdgeBuild.Manifests;
using EdgeBuild.Pins;
using EdgeBuild.Recipes;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using EdgeBuild.Verification;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

[Collection(UserlandBuildCollection.Name)]
[Trait("Tier", "Integration")]
public sealed class UserlandBuildTests(UserlandBuildFixture fixture)
{
    private AbsolutePath Board => fixture.Root / "artifacts" / "rk3568";

    [Theory(Timeout = 120000)]
    [InlineData("busybox")]
    [InlineData("iproute2")]
    [InlineData("iptables")]
    [InlineData("f2fs-tools")]
    public async Task Each_binary_is_static_for_its_arch_and_prints_its_pinned_version_under_qemu(string component)
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);
        var arch = EdgeBuild.Packaging.BoardDefinition.Load(fixture.Root / "targets" / "boards", "rk3568").ArchOf(component);
        var settings = ComponentSettings.Load(fixture.Root / "targets" / "userland.json", component, arch);
        var toolchain = Toolchain.Find(Toolchain.LoadAll(fixture.Root / "toolchains"), settings.Arch);
        var pin = PinSet.Load(fixture.Root / "targets" / "pins", fixture.Root / "targets" / "pins-bookworm.json")[component];
        var binary = Board / "userland" / settings.Arch / "bin" / settings.Install;
        ProcessRunner.Which(toolchain.Qemu).ShouldNotBeNull($"{toolchain.Qemu} is needed: apt-get install {string.Join(" ", toolchain.QemuPackages)}");

        var facts = ElfInspector.VerifyStatic(binary, toolchain.Elf);
        var output = await ProcessRunner.RunAsync(toolchain.Qemu, [binary, .. settings.VersionCheck.Args], new ProcessOptions { CaptureOutput = true });

        facts.IsStatic.ShouldBeTrue();
        output.StandardOutput.ShouldContain(settings.VersionCheck.Expect.Replace("{version}", pin.Version));
    }

    [Theory]
    [InlineData("busybox")]
    [InlineData("iproute2")]
    [InlineData("iptables")]
    [InlineData("f2fs-tools")]
    public void No_binary_names_the_directory_it_was_built_in(string component)
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);
        var arch = EdgeBuild.Packaging.BoardDefinition.Load(fixture.Root / "targets" / "boards", "rk3568").ArchOf(component);
        var settings = ComponentSettings.Load(fixture.Root / "targets" / "userland.json", component, arch);

        var bytes = File.ReadAllBytes(Board / "userland" / settings.Arch / "bin" / settings.Install);

        // A path of the checkout (in debug info, or a __FILE__) would make the bytes depend on where it was built:
        // two clones, or a cache entry and a local build, would differ, and the builder's paths would ship.
        bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(fixture.Root.ToString())).ShouldBe(-1);
    }

    [Fact(Timeout = 120000)]
    public async Task The_static_ip_knows_its_link_types_without_dlopen()
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);
        var toolchain = Toolchain.Find(Toolchain.LoadAll(fixture.Root / "toolchains"), "arm64");

        // The veth kind's own help comes from its link_util, found by name the way 'ip link add ... type veth' finds it.
        var output = await ProcessRunner.RunAsync(toolchain.Qemu, [Board / "userland" / "arm64" / "bin" / "ip", "link", "help", "veth"], new ProcessOptions { CaptureOutput = true, AllowFailure = true });

        output.StandardOutput.ShouldContain("type veth [peer <options>]");
    }

    [Fact]
    public void Iptables_names_are_links_to_xtables_legacy_multi()
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);
        var bin = Board / "userland" / "armhf" / "bin";

        foreach (var name in new[] { "iptables", "iptables-save", "iptables-restore", "ip6tables", "ip6tables-save", "ip6tables-restore" })
            new FileInfo(bin / name).LinkTarget.ShouldBe("xtables-legacy-multi", name);
    }

    [Fact(Timeout = 60000)]
    public async Task The_manifest_lists_each_binary_with_hash_size_arch_source_and_licence()
    {
        fixture.First.ExitCode.ShouldBe(0, fixture.First.Output);

        var entries = new ArtifactManifest(Board).Read();

        foreach (var (path, arch, component, source) in new[]
        {
            ("userland/arm64/bin/busybox", "arm64", "busybox", "busybox-1.35.0.tar.bz2"),
            ("userland/arm64/bin/ip", "arm64", "iproute2", "iproute2-6.1.0.tar.xz"),
            ("userland/armhf/bin/xtables-legacy-multi", "armhf", "iptables", "iptables-1.8.9.tar.xz"),
            ("userland/arm64/bin/mkfs.f2fs", "arm64", "f2fs-tools", "f2fs-tools-1.15.0.tar.xz"),
        })
        {
            var entry = entries.Single(e => e.Path == path);
            entry.Arch.ShouldBe(arch);
            entry.Component.ShouldBe(component);
            entry.Source.ShouldStartWith(source);
            entry.License.ShouldStartWith("GPL-2.0");
            entry.Size.ShouldBe(new FileInfo(Board / path).Length);
            entry.Sha256.ShouldBe(await global::EdgeBuild.Tooling.FileHash.Sha256Async(Board / path));
        }
        entries.Single(e => e.Path == "userland/arm64/bin/busybox").Changes.ShouldContain("config.fragment: CONFIG_STATIC=y");
        entries.ShouldContain(e => e.Path == "userland/licenses/iptables/COPYING");
    }
}
