using EdgeBuild.Doctor;
using EdgeBuild.Reporting;
using EdgeBuild.Tests.Support;
using EdgeBuild.Toolchains;
using EdgeBuild.Tooling;
using EdgeBuild.VirtualBoard;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.VirtualBoard;

/// <summary>VirtualBoard's host tools: listed by Doctor for everyone, required for VirtualBoard (Doctor --preflight-for, the target itself).</summary>
[Trait("Tier", "Fast")]
public class VirtualBoardPrerequisitesTests
{
    private const string HostJson = """
        { "tools": [ { "command": "sh", "packages": ["dash"], "why": "shell" },
                     { "command": "no-such-qemu-system-x", "target": "VirtualBoard", "packages": ["qemu-system-x"], "why": "boots the VM" } ] }
        """;

    [Fact]
    public void A_missing_VirtualBoard_tool_is_listed_for_everyone_and_required_only_for_VirtualBoard()
    {
        // Arrange
        using var dir = new TempDirectory();
        var tools = HostTool.LoadAll(AbsolutePath.Create(dir.Write("host.json", HostJson)));

        // Act
        var listed = PrerequisiteCheck.ToolRows(tools, includeTestTools: false, new HashSet<string>()).ToList();
        var required = PrerequisiteCheck.ToolRows(tools, includeTestTools: false, new HashSet<string> { "VirtualBoard" }).ToList();
        var forTests = PrerequisiteCheck.ToolRows(tools, includeTestTools: true, new HashSet<string>()).ToList();

        // Assert
        listed.Single(r => r.Check == "no-such-qemu-system-x").ShouldSatisfyAllConditions(
            r => r.Ok.ShouldBeTrue(), r => r.Detail.ShouldContain("only VirtualBoard needs it"), r => r.Detail.ShouldContain("apt-get install qemu-system-x"));
        PrerequisiteCheck.InstallCommand(listed).ShouldBeNull();
        PrerequisiteCheck.InstallCommand(required).ShouldBe("apt-get install -y qemu-system-x");
        PrerequisiteCheck.InstallCommand(forTests).ShouldBe("apt-get install -y qemu-system-x");
    }

    [Fact(Timeout = 60000)]
    public async Task The_VirtualBoard_target_refuses_to_start_without_its_tools_and_names_the_command()
    {
        // Arrange: the repository's virtual board definition, a host.json whose VM tool is missing.
        using var dir = new TempDirectory();
        var hostJson = AbsolutePath.Create(dir.Write("host.json", HostJson));
        var definition = VirtualBoardDefinition.Load(RepositoryRoot.Absolute / "targets" / "virtual-board" / "debian-arm64.json");

        // Act
        var e = await Should.ThrowAsync<BuildException>(() => VirtualBoardPrerequisites.EnsureAsync(hostJson, definition, install: false, null, CancellationToken.None));

        // Assert
        e.Message.ShouldContain("no-such-qemu-system-x: missing (boots the VM)");
        e.Message.ShouldContain("apt-get install -y qemu-system-x");
        e.Message.ShouldContain("./build.sh VirtualBoard --install-prerequisites");
    }
}
