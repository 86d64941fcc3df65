using EdgeBuild.Engine;
using EdgeBuild.Testing;
using EdgeBuild.Tests.Support;
using EdgeBuild.Toolchains;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Testing;

/// <summary>The PATH `Test --fast` runs under: built from toolchains/*.json and host.json, not from a list in code.</summary>
[Trait("Tier", "Fast")]
public class FastTierPathTests
{
    private static readonly AbsolutePath Toolchains = AbsolutePath.Create(Path.Combine(RepositoryRoot.Path, "toolchains"));

    private static IReadOnlySet<string> Hidden(IEnumerable<HostTool>? extra = null) =>
        FastTierPath.HiddenCommands(Toolchain.LoadAll(Toolchains), HostTool.LoadAll(Toolchains / "host.json").Concat(extra ?? []));

    private static string Executable(TempDirectory dir, string relative)
    {
        var path = dir.Write(relative, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void The_farm_has_no_cross_compiler_qemu_docker_or_host_compiler_under_any_name_and_keeps_the_plain_tools()
    {
        // Arrange: a PATH of two directories as Debian lays them out, cc and gcc-12 being other names for one compiler.
        using var dir = new TempDirectory();
        foreach (var name in new[] { "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objdump", "arm-linux-gnueabihf-gcc", "qemu-aarch64-static", "docker", "go", "git", "tar", "x86_64-linux-gnu-gcc-12" })
            Executable(dir, $"usr-bin/{name}");
        File.CreateSymbolicLink(dir["usr-bin/gcc-12"], dir["usr-bin/x86_64-linux-gnu-gcc-12"]);
        File.CreateSymbolicLink(dir["usr-bin/gcc"], dir["usr-bin/gcc-12"]);
        File.CreateSymbolicLink(dir["usr-bin/cc"], dir["usr-bin/gcc"]);
        Executable(dir, "local-bin/shellcheck");

        // Act
        var left = FastTierPath.Build(AbsolutePath.Create(dir["farm"]), [dir["usr-bin"], dir["local-bin"], dir["missing"]], Hidden(),
            Toolchain.LoadAll(Toolchains).Select(t => t.Triplet));

        // Assert
        Directory.GetFileSystemEntries(dir["farm"]).Select(Path.GetFileName).Order().ShouldBe(["git", "tar"]);
        left.ShouldBe(["aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objdump", "arm-linux-gnueabihf-gcc", "cc", "docker", "gcc", "gcc-12", "go",
            "qemu-aarch64-static", "shellcheck", "x86_64-linux-gnu-gcc-12"]);
    }

    [Fact]
    public void A_host_tool_marked_in_host_json_is_hidden_and_the_real_PATH_loses_the_arm64_compiler_and_its_qemu()
    {
        using var dir = new TempDirectory();
        var marked = new HostTool("some-new-tool", ["some-package"], "a tool a future recipe needs", HiddenFromFastTests: true);

        var hidden = Hidden([marked]);
        FastTierPath.Build(AbsolutePath.Create(dir["farm"]), (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'), hidden, ["aarch64-linux-gnu"]);

        hidden.ShouldContain("some-new-tool");
        hidden.ShouldContain("aarch64-linux-gnu-gcc");
        hidden.ShouldContain("qemu-aarch64-static");
        File.Exists(dir["farm/aarch64-linux-gnu-gcc"]).ShouldBeFalse();
        File.Exists(dir["farm/qemu-aarch64-static"]).ShouldBeFalse();
        File.Exists(dir["farm/docker"]).ShouldBeFalse();
        File.Exists(dir["farm/git"]).ShouldBeTrue("git stays: the fast tier keeps the plain tools");
    }
}
