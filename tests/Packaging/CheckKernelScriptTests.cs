using System.Text;
using EdgeBuild.Kernel;
using EdgeBuild.Packaging;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

/// <summary>check-kernel.sh under busybox sh, reading the option list the Sidecar target generates from targets/kernel/requirements.json.</summary>
[Trait("Tier", "Fast")]
public class CheckKernelScriptTests
{
    private static readonly KernelRequirements Requirements =
        KernelRequirements.Load(Path.Combine(RepositoryRoot.Path, "targets", "kernel", "requirements.json"));

    /// <summary>A .config for <paramref name="version"/> with every option of the failing groups set, minus <paramref name="unset"/>.</summary>
    private static string ConfigWithEveryRequiredOption(string version, params string[] unset) =>
        $"# Linux/arm64 {version}.0 Kernel Configuration\n" + string.Concat(Requirements.Groups.Where(g => g.FailsWhenMissing)
            .SelectMany(g => g.Options).Where(o => !unset.Contains(o.Name)).Select(o => $"{o.Name}=y\n"));

    private static async Task<(int Code, string Output, string Error)> CheckAsync(TempDirectory dir, string config, params string[] args)
    {
        var list = dir.Write("kernel-options", KernelOptionList.Render(Requirements));
        var file = dir.Write("config", config);
        var (code, output, error) = await Processes.RunAsync("/bin/busybox",
            ["sh", Fixtures.Device("check-kernel.sh"), "--config", file, "--options", list, .. args]);
        return (code, Encoding.UTF8.GetString(output), error);
    }

    [Fact(Timeout = 60000)]
    public async Task A_config_with_every_required_option_of_requirements_json_passes_and_optional_ones_are_only_reported()
    {
        using var dir = new TempDirectory();

        var run = await CheckAsync(dir, ConfigWithEveryRequiredOption("5.10"));

        run.Code.ShouldBe(0, run.Output + run.Error);
        run.Output.ShouldContain("CONFIG_IP_NF_MANGLE: enabled");
        run.Output.ShouldContain("CONFIG_IP6_NF_NAT: enabled");
        run.Output.ShouldContain("CONFIG_F2FS_FS: missing (optional, OpenHarmony device)");
        run.Output.ShouldContain("for kernel 5.10");
    }

    [Fact(Timeout = 60000)]
    public async Task A_required_option_missing_from_the_config_fails_naming_it()
    {
        using var dir = new TempDirectory();

        var run = await CheckAsync(dir, ConfigWithEveryRequiredOption("5.10", "CONFIG_IP6_NF_MANGLE"));

        run.Code.ShouldBe(1, run.Output + run.Error);
        run.Output.ShouldContain("CONFIG_IP6_NF_MANGLE: MISSING");
        run.Error.ShouldContain("1 required option(s) missing");
    }

    [Fact(Timeout = 60000)]
    public async Task Version_conditions_follow_the_kernel_the_config_is_for()
    {
        using var dir = new TempDirectory();
        // Set for 4.4 except what only 4.8+ dropped (DEVPTS_MULTIPLE_INSTANCES) and what only 4.15+ needs (CGROUP_BPF).
        var config = ConfigWithEveryRequiredOption("4.4", "CONFIG_DEVPTS_MULTIPLE_INSTANCES", "CONFIG_CGROUP_BPF");

        var old = await CheckAsync(dir, config);
        var current = await CheckAsync(dir, config, "--kernel-version", "5.10");

        old.Code.ShouldBe(1, old.Output + old.Error);
        old.Output.ShouldContain("CONFIG_DEVPTS_MULTIPLE_INSTANCES: MISSING");
        old.Output.ShouldNotContain("CONFIG_CGROUP_BPF");
        current.Output.ShouldNotContain("CONFIG_DEVPTS_MULTIPLE_INSTANCES");
        current.Output.ShouldContain("CONFIG_CGROUP_BPF: MISSING");
    }

    [Fact(Timeout = 60000)]
    public async Task An_unless_set_condition_skips_the_option_when_its_alternative_is_set()
    {
        using var dir = new TempDirectory();
        var config = ConfigWithEveryRequiredOption("5.10") + "CONFIG_EXT4_USE_FOR_EXT2=y\n";

        var run = await CheckAsync(dir, config);

        run.Code.ShouldBe(0, run.Output + run.Error);
        run.Output.ShouldNotContain("CONFIG_EXT3_FS:");
        run.Output.ShouldContain("CONFIG_EXT4_FS: missing (optional, Optional Features)");
    }

    [Fact]
    public void The_generated_list_has_each_option_once_with_its_conditions_required_when_any_of_its_groups_fails()
    {
        var lines = KernelOptionList.Render(Requirements).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(' ', 6)).ToDictionary(f => f[0]);

        foreach (var byName in Requirements.Groups.SelectMany(g => g.Options.Select(o => (Option: o, Group: g))).GroupBy(e => e.Option.Name))
        {
            var fields = lines[byName.Key];
            var (option, group) = byName.First();
            fields[1].ShouldBe(byName.Any(e => e.Group.FailsWhenMissing) ? "yes" : "no", byName.Key);
            fields[2..5].ShouldBe([option.Since ?? "-", option.Before ?? "-", option.UnlessSet ?? "-"], byName.Key);
            fields[5].ShouldBe(group.Title, byName.Key);
        }
        lines.Count.ShouldBe(Requirements.Groups.SelectMany(g => g.Options).Select(o => o.Name).Distinct().Count());
    }
}
