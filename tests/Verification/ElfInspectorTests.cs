using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using EdgeBuild.Verification;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Verification;

/// <summary>The inspector on binaries the real cross toolchains build.</summary>
public class ElfInspectorTests
{
    private static readonly IReadOnlyList<Toolchain> Toolchains = Toolchain.LoadAll(AbsolutePath.Create(Path.Combine(RepositoryRoot.Path, "toolchains")));

    private static async Task<string> CompileAsync(TempDirectory dir, Toolchain toolchain, bool isStatic)
    {
        var source = dir.Write("hello.c", "#include <stdio.h>\nint main(void){puts(\"hi\");return 0;}\n");
        var output = dir[$"hello-{toolchain.Arch}-{(isStatic ? "static" : "dynamic")}"];
        await ProcessRunner.RunAsync(toolchain.Tools.Cc, [.. isStatic ? new[] { "-static" } : [], "-o", output, source]);
        return output;
    }

    [Theory(Timeout = 120000)]
    [InlineData("arm64", "AArch64", 64)]
    [InlineData("armhf", "ARM", 32)]
    [Trait("Tier", "Integration")]
    public async Task A_static_cross_built_binary_passes_its_toolchains_expectation(string arch, string machine, int bits)
    {
        using var dir = new TempDirectory();
        var toolchain = Toolchain.Find(Toolchains, arch);
        var binary = await CompileAsync(dir, toolchain, isStatic: true);

        var facts = ElfInspector.VerifyStatic(binary, toolchain.Elf);

        facts.Machine.ShouldBe(machine);
        facts.Class.ShouldBe(bits);
        facts.IsStatic.ShouldBeTrue();
        if (arch == "armhf") { facts.HardFloat.ShouldBe(true); facts.ArmEabiVersion.ShouldBe(5); }
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task A_dynamic_binary_is_refused_naming_its_interpreter_and_libraries()
    {
        using var dir = new TempDirectory();
        var toolchain = Toolchain.Find(Toolchains, "arm64");
        var binary = await CompileAsync(dir, toolchain, isStatic: false);

        var e = Should.Throw<BuildException>(() => ElfInspector.VerifyStatic(binary, toolchain.Elf));

        e.Message.ShouldContain("ld-linux-aarch64.so.1");
        e.Message.ShouldContain("libc.so.6");
        e.Message.ShouldContain("not static");
    }

    [Fact(Timeout = 120000)]
    [Trait("Tier", "Integration")]
    public async Task A_binary_for_the_wrong_machine_is_refused()
    {
        using var dir = new TempDirectory();
        var binary = await CompileAsync(dir, Toolchain.Find(Toolchains, "arm64"), isStatic: true);
        var e = Should.Throw<BuildException>(() => ElfInspector.VerifyStatic(binary, Toolchain.Find(Toolchains, "armhf").Elf));
        e.Message.ShouldContain("machine AArch64, expected ARM");
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void A_file_that_is_not_ELF_is_named()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("script.sh", "#!/bin/sh\n");
        Should.Throw<BuildException>(() => ElfInspector.Read(file)).Message.ShouldContain("not an ELF file");
    }
}
