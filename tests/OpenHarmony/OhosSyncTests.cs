using EdgeBuild.Tooling;
using Docker.DotNet;
using EdgeBuild.Containers;
using EdgeBuild.Engine;
using EdgeBuild.OpenHarmony;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.OpenHarmony;

/// <summary>
/// SyncOpenHarmony's orchestration against the real engine. The image carries a stand-in repo (busybox sh) that
/// records its calls and copies the projects a manifest lists from /remote, printing repo-style progress.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class OhosSyncTests : IAsyncLifetime
{
    private const string TestLabel = "edge-build-test";
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly List<string> _directories = [];
    private OhosTestImage _image = null!;
    private DockerClient _client = null!;

    private static readonly string[] Projects = ["build", "base/startup/init", "kernel/linux/linux-5.10"];

    private const string StandInRepo = """
        #!/bin/sh
        # Stand-in for repo: init, sync and forall against the manifests and projects under /remote.
        set -e
        mkdir -p .repo
        calls=.repo/calls.log
        command=$1; shift
        echo "$command $*" >> $calls
        case "$command" in
        init)
          while [ $# -gt 0 ]; do
            case "$1" in -u) url=$2; shift ;; -b) revision=$2; shift ;; -m) file=$2; shift ;; esac
            shift
          done
          source=/remote/manifests/${revision##*/}/$file
          [ -f "$source" ] || { echo "fatal: couldn't find $revision in $url"; exit 1; }
          mkdir -p .repo/manifests
          cp "$source" ".repo/manifests/$file"
          printf '<manifest><include name="%s" /></manifest>\n' "$file" > .repo/manifest.xml
          ;;
        sync)
          file=$(sed -n 's/.*include name="\([^"]*\)".*/\1/p' .repo/manifest.xml)
          paths=$(sed -n 's/.*<project [^>]*path="\([^"]*\)".*/\1/p' ".repo/manifests/$file")
          total=$(echo "$paths" | wc -l)
          done=0
          for path in $paths; do
            done=$((done + 1))
            if [ -d "$path" ]; then echo "kept $path" >> $calls
            else
              mkdir -p "$(dirname "$path")"
              cp -r "/remote/projects/$path" "$path.partial"
              mv "$path.partial" "$path"
              echo "cloned $path" >> $calls
            fi
            printf 'Fetching: %d%% (%d/%d)\r' $((done * 100 / total)) $done $total
            while [ -f .hang ]; do sleep 1; done
          done
          printf '\n'
          ;;
        esac

        """;

    public async Task InitializeAsync()
    {
        _image = await OhosTestImage.CreateAsync("ohos-sync", AddStandInRepo, CancellationToken.None);
        _client = DockerEngine.Connect();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _image.DisposeAsync();
        foreach (var dir in _directories) if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    /// <summary>Puts the stand-in repo, its manifests and projects into a test image's rootfs (the remote-engine tests use it too).</summary>
    internal static void AddStandInRepo(string root)
    {
        Write(root, "usr/local/bin/repo", StandInRepo, executable: true);
        foreach (var (release, projects) in new[] { ("OpenHarmony-v3.1-Release", Projects[..2]), ("OpenHarmony-v4.1-Release", Projects) })
            Write(root, $"remote/manifests/{release}/default.xml",
                "<manifest>\n" + string.Concat(projects.Select(p => $"  <project name=\"{p.Replace('/', '_')}\" path=\"{p}\" />\n")) + "</manifest>\n");
        foreach (var project in Projects) Write(root, $"remote/projects/{project}/README", project);
        Write(root, "remote/projects/build/prebuilts_download.sh",
            "#!/bin/sh\nmkdir -p prebuilts/clang/ohos/linux-x86_64/llvm/bin prebuilts/build-tools/linux-x86/bin\ntouch prebuilts/build-tools/linux-x86/bin/gn\necho prebuilts >> .repo/calls.log\n",
            executable: true);
    }

    private static void Write(string root, string relative, string content, bool executable = false)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (executable && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    private OhosSyncRequest Request(string version)
    {
        var workspace = Directory.CreateTempSubdirectory("ohos-workspace-").FullName;
        var logs = Directory.CreateTempSubdirectory("ohos-logs-").FullName;
        _directories.AddRange([workspace, logs]);
        var catalog = OhosFixtureTree.Catalog;
        return new OhosSyncRequest
        {
            Workspace = AbsolutePath.Create(workspace),
            Version = catalog.Find(version),
            Layout = catalog.Common,
            Image = _image.Tag,
            Jobs = 2,
            RequiredFreeBytes = 1 << 20,
            LogDirectory = AbsolutePath.Create(logs),
            NamePrefix = $"edge-build-test-{_run}",
            Labels = new Dictionary<string, string> { [TestLabel] = _run },
        };
    }

    private static string[] Calls(OhosSyncRequest request) => File.ReadAllLines(request.Workspace / ".repo" / "calls.log");

    [Theory(Timeout = 300000)]
    [InlineData("3.1", 2)]
    [InlineData("4.1", 3)]
    public async Task Sync_inits_repo_with_the_versions_manifest_then_syncs_pulls_lfs_and_downloads_prebuilts(string version, int projects)
    {
        var request = Request(version);

        var result = await new OhosSync(new ContainerRunner(_client)).SyncAsync(request, CancellationToken.None);

        result.ShouldBe(new OhosSyncResult(OhosSyncOutcome.Synced, projects));
        Calls(request).ShouldBe([
            $"init -u https://gitee.com/openharmony/manifest.git -b refs/tags/OpenHarmony-v{version}-Release -m default.xml --no-repo-verify",
            "sync -c --jobs=2",
            .. Projects[..projects].Select(p => $"cloned {p}"),
            "forall -c git lfs pull",
            "prebuilts",
        ]);
        Directory.Exists(request.Workspace / "prebuilts" / "clang" / "ohos" / "linux-x86_64" / "llvm" / "bin").ShouldBeTrue();
        var state = OhosSyncState.Read(request.Workspace)!;
        state.CompletedAt.ShouldNotBeNull();
        state.ManifestSha256.ShouldBe(FileHash.Sha256(request.Workspace / ".repo" / "manifests" / "default.xml"));
        File.ReadAllText(request.LogDirectory / "openharmony-sync.log").ShouldContain($"Fetching: 100% ({projects}/{projects})");
        (await OhosTestImage.ContainersWithLabelAsync(_client, TestLabel, _run)).ShouldBeEmpty();
    }

    [Fact(Timeout = 300000)]
    public async Task A_completed_sync_is_up_to_date_on_the_next_run_and_starts_no_container()
    {
        var request = Request("3.1");
        var sync = new OhosSync(new ContainerRunner(_client));
        await sync.SyncAsync(request, CancellationToken.None);
        var calls = Calls(request);

        var outcome = await sync.SyncAsync(request, CancellationToken.None);

        outcome.Outcome.ShouldBe(OhosSyncOutcome.UpToDate);
        Calls(request).ShouldBe(calls);
    }

    [Fact(Timeout = 300000)]
    public async Task A_forced_sync_of_a_complete_workspace_syncs_again_without_a_new_init()
    {
        var request = Request("3.1");
        var sync = new OhosSync(new ContainerRunner(_client));
        await sync.SyncAsync(request, CancellationToken.None);

        var result = await sync.SyncAsync(request with { Force = true }, CancellationToken.None);

        result.Outcome.ShouldBe(OhosSyncOutcome.Synced);
        var calls = Calls(request);
        calls.Count(c => c.StartsWith("init ")).ShouldBe(1);
        calls.Count(c => c == "sync -c --jobs=2").ShouldBe(2);
        calls.ShouldContain("kept build");
    }

    [Fact(Timeout = 300000)]
    public async Task An_interrupted_sync_removes_its_container_and_resumes_where_it_stopped()
    {
        var request = Request("4.1");
        File.WriteAllText(request.Workspace / ".hang", "");
        using var cts = new CancellationTokenSource();
        var sync = new OhosSync(new ContainerRunner(_client));

        var first = sync.SyncAsync(request, cts.Token);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(File.Exists(request.Workspace / ".repo" / "calls.log") && Calls(request).Contains("cloned build")))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the stand-in repo never cloned its first project");
            await Task.Delay(200);
        }
        cts.Cancel();
        await Should.ThrowAsync<OperationCanceledException>(() => first);
        (await OhosTestImage.ContainersWithLabelAsync(_client, TestLabel, _run)).ShouldBeEmpty();
        OhosSyncState.Read(request.Workspace)!.DoneSteps.ShouldBe(["init"]);
        File.Delete(request.Workspace / ".hang");

        var outcome = await sync.SyncAsync(request, CancellationToken.None);

        outcome.Outcome.ShouldBe(OhosSyncOutcome.Synced);
        var calls = Calls(request);
        calls.Count(c => c.StartsWith("init ")).ShouldBe(1);
        calls.Count(c => c == "sync -c --jobs=2").ShouldBe(2);
        calls.Count(c => c == "cloned build").ShouldBe(1);
        calls.ShouldContain("kept build");
        calls.ShouldContain("cloned kernel/linux/linux-5.10");
        OhosSyncState.Read(request.Workspace)!.DoneSteps.ShouldBe(["init", "sync", "lfs", "prebuilts"]);
    }

    [Fact(Timeout = 60000)]
    public async Task Too_little_free_disk_for_the_versions_estimate_fails_clearly_before_any_container_starts()
    {
        var request = Request("3.1");
        request = request with { RequiredFreeBytes = null, Version = request.Version with { SyncFreeGib = 1 << 30 } };

        var error = await Should.ThrowAsync<BuildException>(() => new OhosSync(new ContainerRunner(_client)).SyncAsync(request, CancellationToken.None));

        error.Message.ShouldContain($"Not enough disk to sync OpenHarmony 3.1 into {request.Workspace}");
        error.Message.ShouldContain("1073741824.0 GiB needed");
        error.Message.ShouldContain("--ohos-workspace");
        File.Exists(request.Workspace / ".repo" / "calls.log").ShouldBeFalse();
    }

    [Fact(Timeout = 60000)]
    public async Task A_dry_run_syncs_nothing()
    {
        var request = Request("3.1") with { DryRun = true };

        var outcome = await new OhosSync(new ContainerRunner(_client)).SyncAsync(request, CancellationToken.None);

        outcome.Outcome.ShouldBe(OhosSyncOutcome.DryRun);
        Directory.GetFileSystemEntries(request.Workspace).ShouldBeEmpty();
    }

    [Fact(Timeout = 300000)]
    public async Task SyncOpenHarmony_is_up_to_date_on_the_second_invocation()
    {
        using var engine = new EngineRun();
        var workspace = Request("3.1").Workspace;
        string[] args = ["SyncOpenHarmony", "--ohos-version", "3.1", "--ohos-workspace", workspace, "--builder-image", _image.Tag,
            "--ohos-sync-free-gib", "0", "--artifacts", engine.Root / "artifacts"];

        var first = engine.Run(args);
        var second = engine.Run(args);

        first.ExitCode.ShouldBe(0, first.Output);
        EngineRun.StatusOf(first.Build, "SyncOpenHarmony").ShouldBe(TargetStatus.Succeeded);
        second.ExitCode.ShouldBe(0, second.Output);
        EngineRun.StatusOf(second.Build, "SyncOpenHarmony").ShouldBe(TargetStatus.UpToDate);
        File.Exists(engine.Root / "artifacts" / "rk3568" / "logs" / "openharmony-sync.log").ShouldBeTrue();
        await Task.CompletedTask;
    }
}
