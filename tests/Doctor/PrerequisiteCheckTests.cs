using EdgeBuild.Doctor;
using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Tooling;

namespace EdgeBuild.Tests.Doctor;

public class PrerequisiteCheckTests
{
    [Fact(Timeout = 60000)]
    [Trait("Tier", "Integration")]
    public async Task Missing_tools_are_reported_with_the_packages_that_provide_them()
    {
        using var dir = new TempDirectory();
        dir.Write("toolchains/x-linux-gnu.json", """
            { "name": "x-linux-gnu", "description": "test", "triplet": "x-linux-gnu", "arch": "xarch", "goArch": "x",
              "elf": { "machine": "X", "class": 64 },
              "tools": { "cc": "no-such-x-gcc", "cxx": "no-such-x-g++", "ar": "no-such-x-ar", "ranlib": "r", "strip": "no-such-x-strip" },
              "cflags": "", "ldflags": "", "qemu": "no-such-qemu-x", "packages": ["gcc-x-linux-gnu"], "qemuPackages": ["qemu-x"] }
            """);
        dir.Write("toolchains/host.json", """
            { "tools": [ { "command": "sh", "packages": ["dash"], "why": "shell" },
                         { "command": "no-such-host-tool", "packages": ["host-tool-pkg"], "why": "testing" },
                         { "command": "no-such-test-tool", "packages": ["test-only-pkg"], "why": "tests", "testsOnly": true } ] }
            """);
        var check = new PrerequisiteCheck(AbsolutePath.Create(dir["toolchains"]), [("temp", dir.Path)], 1);

        var results = await check.RunAsync(CancellationToken.None);

        results.Single(r => r.Check == "toolchain x-linux-gnu").Ok.ShouldBeFalse();
        results.Single(r => r.Check == "sh").Ok.ShouldBeTrue();
        results.ShouldNotContain(r => r.Check == "no-such-test-tool");
        results.Single(r => r.Check == "disk (temp)").Ok.ShouldBeTrue();
        PrerequisiteCheck.InstallCommand(results).ShouldBe("apt-get install -y gcc-x-linux-gnu host-tool-pkg qemu-x");
        PrerequisiteCheck.Render(results).ShouldContain("MISSING  toolchain x-linux-gnu");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task Too_little_disk_is_reported()
    {
        using var dir = new TempDirectory();
        dir.Write("toolchains/host.json", """{ "tools": [] }""");
        var check = new PrerequisiteCheck(AbsolutePath.Create(dir["toolchains"]), [("temp", dir.Path)], long.MaxValue);
        var results = await check.RunAsync(CancellationToken.None);
        results.Single(r => r.Check == "disk (temp)").Ok.ShouldBeFalse();
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Integration")]
    public async Task Checks_a_concern_adds_appear_in_the_table()
    {
        using var dir = new TempDirectory();
        dir.Write("toolchains/host.json", """{ "tools": [] }""");
        var check = new PrerequisiteCheck(AbsolutePath.Create(dir["toolchains"]), [], 1)
        {
            ExtraChecks = [_ => Task.FromResult(new CheckResult("Go for KubeEdge 9.9", false, "needs Go 9", ["golang-9"]))],
        };
        var results = await check.RunAsync(CancellationToken.None);
        PrerequisiteCheck.Render(results).ShouldContain("MISSING  Go for KubeEdge 9.9");
        PrerequisiteCheck.InstallCommand(results).ShouldBe("apt-get install -y golang-9");
    }
}
