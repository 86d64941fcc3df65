using EdgeBuild.Tooling;
using EdgeBuild.VirtualBoard;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.VirtualBoard;

/// <summary>The smoke run's network as qemu itself reads it.</summary>
[Trait("Tier", "Integration")]
public class VirtualMachineNetworkTests
{
    [Fact(Timeout = 60000)]
    public async Task Qemu_accepts_the_restricted_network_with_one_forward_per_host_service()
    {
        // qemu parses -nic before it loads the kernel, so a missing kernel is the first error when the rules are valid.
        var result = await ProcessRunner.RunAsync("qemu-system-aarch64",
            ["-M", "virt", "-nographic", "-nic", VirtualMachine.Network([41001, 41002]), "-kernel", "/nonexistent-kernel"],
            new ProcessOptions { AllowFailure = true, CaptureOutput = true }, CancellationToken.None);

        (result.StandardOutput + string.Join("\n", result.LastLines)).ShouldContain("could not load kernel");
        VirtualMachine.Network([41001, 41002]).ShouldContain("restrict=on");
    }
}
