using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Packaging;

public class SetupDockerScriptTests
{
    private const UnixFileMode Exec = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Plain = (UnixFileMode)0b110_100_100;
    private const string Options = "--cgroup-root /cgroup-test --cpuset-root /fake-cpuset --hosts-file /fake-hosts";

    private static Dictionary<string, (string, UnixFileMode)> DeviceFiles(params (string Path, string Content, UnixFileMode Mode)[] extra)
    {
        var files = new Dictionary<string, (string, UnixFileMode)>
        {
            ["/setup-docker.sh"] = (File.ReadAllText(Fixtures.Device("setup-docker.sh")), Exec),
            ["/etc/docker/daemon.json"] = ("{\n  \"data-root\": \"/mnt/sd-test\",\n  \"storage-driver\": \"overlay2\"\n}\n", Plain),
            ["/usr/lib/os-release"] = ("ID=openharmony\n", Plain),
            // OpenHarmony's cpuset layout: the root has mems, a child group starts empty.
            ["/fake-cpuset/cpuset.mems"] = ("0\n", Plain),
            ["/fake-cpuset/background/cpuset.mems"] = ("", Plain),
            ["/fake-hosts"] = ("::1 ip6-localhost\n", Plain),
        };
        foreach (var (path, content, mode) in extra) files[path] = (content, mode);
        return files;
    }

    private static List<string> MountPoints(string procMounts) =>
        procMounts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]).ToList();

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task A_second_run_mounts_nothing_twice_and_changes_nothing()
    {
        // Arrange
        await using var container = await BusyboxContainer.StartAsync(DeviceFiles());
        var before = MountPoints((await container.ShellAsync("cat /proc/mounts")).Output);

        // Act
        var first = await container.ShellAsync($"sh /setup-docker.sh {Options}");
        var afterFirst = MountPoints((await container.ShellAsync("cat /proc/mounts")).Output);
        var rulesAfterFirst = (await container.ShellAsync("ip rule show")).Output;
        var second = await container.ShellAsync($"sh /setup-docker.sh {Options}");
        var afterSecond = MountPoints((await container.ShellAsync("cat /proc/mounts")).Output);
        var state = await container.ShellAsync("cat /fake-hosts /fake-cpuset/background/cpuset.mems /etc/docker/daemon.json /usr/lib/os-release; ip rule show");

        // Assert
        first.Code.ShouldBe(0, first.Error + first.Output);
        second.Code.ShouldBe(0, second.Error + second.Output);
        afterFirst.ShouldContain("/cgroup-test");
        afterFirst.ShouldContain("/cgroup-test/memory");
        afterFirst.ShouldContain("/cgroup-test/systemd");
        foreach (var bound in new[] { "/etc/docker", "/var", "/run", "/tmp", "/opt", "/usr" }) afterFirst.ShouldContain(bound);
        afterFirst.Count.ShouldBeGreaterThan(before.Count + 10);
        afterSecond.ShouldBe(afterFirst);
        second.Output.ShouldNotContain("mounted (");
        second.Output.ShouldNotContain(": added");
        (await container.ShellAsync("ip rule show")).Output.ShouldBe(rulesAfterFirst);
        rulesAfterFirst.ShouldContain("1:\tfrom all lookup main");
        rulesAfterFirst.ShouldContain("2:\tfrom all lookup default");
        state.Output.ShouldContain("127.0.0.1 localhost");
        state.Output.Split('\n').Count(l => l.StartsWith("127.0.0.1")).ShouldBe(1);
        state.Output.ShouldContain("\n0\n");
        state.Output.ShouldContain("\"data-root\": \"/mnt/sd-test\"");
        first.Error.ShouldContain("/mnt/sd-test is not a mount point");
        state.Output.ShouldContain("ID=openharmony");
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task Missing_prerequisites_are_listed_and_nothing_is_mounted()
    {
        // Arrange
        await using var container = await BusyboxContainer.StartAsync(DeviceFiles());
        var before = (await container.ShellAsync("cat /proc/mounts")).Output;

        // Act
        var run = await container.ShellAsync($"sh /setup-docker.sh {Options} --sd-device /dev/block/nonexistent --start");

        // Assert
        run.Code.ShouldBe(3);
        run.Error.ShouldContain("block device /dev/block/nonexistent");
        run.Error.ShouldContain("command 'dockerd'");
        (await container.ShellAsync("cat /proc/mounts")).Output.ShouldBe(before);
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task Dockerd_listens_on_the_unix_socket_only_unless_tcp_is_asked_for_with_a_warning()
    {
        // Arrange: stand-ins for the Docker binaries that record how dockerd was started
        const string stub = "#!/bin/sh\necho \"$@\" > /dockerd-args\ntouch /var/run/docker.sock\necho $$ > /var/run/docker.pid\nexec sleep 600\n";
        const string noop = "#!/bin/sh\nexit 0\n";
        await using var container = await BusyboxContainer.StartAsync(DeviceFiles(
            ("/stubs/dockerd", stub, Exec), ("/stubs/docker", noop, Exec), ("/stubs/containerd", noop, Exec), ("/stubs/runc", noop, Exec)));

        // Act
        var unixOnly = await container.ShellAsync($"PATH=/bin:/stubs sh /setup-docker.sh {Options} --start");
        var unixArgs = (await container.ShellAsync("cat /dockerd-args")).Output;
        await container.ShellAsync("kill $(cat /var/run/docker.pid); rm -f /var/run/docker.pid /var/run/docker.sock");
        var withTcp = await container.ShellAsync($"PATH=/bin:/stubs sh /setup-docker.sh {Options} --start --tcp 127.0.0.1:2375");
        var tcpArgs = (await container.ShellAsync("cat /dockerd-args")).Output;
        var again = await container.ShellAsync($"PATH=/bin:/stubs sh /setup-docker.sh {Options} --start");

        // Assert
        unixOnly.Code.ShouldBe(0, unixOnly.Error + unixOnly.Output);
        unixArgs.Trim().ShouldBe("-H unix:///var/run/docker.sock");
        unixOnly.Error.ShouldNotContain("tcp://");
        withTcp.Code.ShouldBe(0, withTcp.Error + withTcp.Output);
        tcpArgs.Trim().ShouldBe("-H unix:///var/run/docker.sock -H tcp://127.0.0.1:2375");
        withTcp.Error.ShouldContain("WITHOUT authentication");
        again.Output.ShouldContain("dockerd already running");
    }

    [Fact(Timeout = 300000)]
    [Trait("Tier", "Integration")]
    public async Task Daemon_json_edits_survive_a_reboot_and_a_new_version_replaces_the_file_keeping_the_edited_one_beside_it()
    {
        // Arrange: the image of release 1.0; "reboot" = the bind mounts over /etc/docker and /usr gone, state kept
        const string reboot = "umount /etc/docker /usr";
        await using var container = await BusyboxContainer.StartAsync(DeviceFiles(("/usr/lib/os-release", "ID=openharmony\nVERSION_ID=\"1.0\"\n", Plain)));
        var first = await container.ShellAsync($"sh /setup-docker.sh {Options}");
        await container.ShellAsync("sed -i 's|/mnt/sd-test|/mnt/user-edit|' /etc/docker/daemon.json");

        // Act
        await container.ShellAsync(reboot);
        var sameVersion = await container.ShellAsync($"sh /setup-docker.sh {Options}");
        var afterReboot = (await container.ShellAsync("cat /etc/docker/daemon.json")).Output;
        await container.ShellAsync($"{reboot}; sed -i 's|1.0|2.0|' /usr/lib/os-release; sed -i 's|overlay2|overlay2-v2|' /etc/docker/daemon.json");
        var newVersion = await container.ShellAsync($"sh /setup-docker.sh {Options}");
        var installed = (await container.ShellAsync("cat /etc/docker/daemon.json")).Output;
        var kept = await container.ShellAsync("cat /etc/docker/daemon.json.old-1.0");

        // Assert
        first.Code.ShouldBe(0, first.Error + first.Output);
        sameVersion.Code.ShouldBe(0, sameVersion.Error + sameVersion.Output);
        afterReboot.ShouldContain("\"data-root\": \"/mnt/user-edit\"");
        sameVersion.Error.ShouldContain("/mnt/user-edit is not a mount point");
        newVersion.Code.ShouldBe(0, newVersion.Error + newVersion.Output);
        installed.ShouldContain("overlay2-v2");
        installed.ShouldContain("\"data-root\": \"/mnt/sd-test\"");
        kept.Code.ShouldBe(0, kept.Error);
        kept.Output.ShouldContain("\"data-root\": \"/mnt/user-edit\"");
        newVersion.Output.ShouldContain("kept as /etc/docker/daemon.json.old-1.0");
    }

    [Fact]
    [Trait("Tier", "Fast")]
    public void Setup_docker_fakes_no_maps_with_eval()
    {
        File.ReadAllLines(Fixtures.Device("setup-docker.sh")).Where(l => !l.TrimStart().StartsWith('#'))
            .ShouldNotContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\beval\b"));
    }
}
