using EdgeBuild.Doctor;
using EdgeBuild.Engine;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Free disk Doctor asks for, in GiB.")] public int MinimumFreeGib = 10;
    [Parameter("Docker engine to use (unix:///path.sock, tcp://host:2376, ssh://user@host); overrides DOCKER_HOST and the Docker context.")]
    public string? DockerHost { get => EdgeBuild.Containers.DockerEngine.HostOverride; set => EdgeBuild.Containers.DockerEngine.HostOverride = value; }
    [Parameter("Build OpenHarmony on an engine that is not amd64 (the builder image then runs under emulation).")] public bool ForceEngineArch;

    /// <summary>Checks the machine; with --install-prerequisites installs what is missing.</summary>
    Target Doctor => _ => _
        .Description("Checks toolchains, qemu, host tools, Docker engine, Go and disk; prints the apt-get line for what is missing.")
        .Executes(async ct =>
        {
            var check = new PrerequisiteCheck(ToolchainsDirectory,
                [("artifacts", ArtifactsDirectory), ("downloads", DownloadsDirectory)], (long)MinimumFreeGib << 30)
            {
                ExtraChecks = [GoForKubeEdgeAsync],
            };
            var results = await check.RunAsync(ct);
            if (InstallPrerequisites && PrerequisiteCheck.InstallCommand(results) is not null)
            {
                await PackageInstaller.InstallAsync(results.SelectMany(r => r.Packages).Distinct().ToList(), ct);
                results = await check.RunAsync(ct);
            }
            Log.Information(PrerequisiteCheck.Render(results));
            var missing = results.Where(r => !r.Ok).ToList();
            if (PrerequisiteCheck.InstallCommand(results) is { } command)
                Log.Information($"To install what is missing (as root): apt-get update && {command}\n(or run ./build.sh Doctor --install-prerequisites as root)");
            Summary.Note(missing.Count == 0 ? "all prerequisites present" : $"{missing.Count} missing: {string.Join(", ", missing.Select(m => m.Check))}");
            if (missing.Count > 0) throw new BuildException($"{missing.Count} prerequisite(s) missing: {string.Join(", ", missing.Select(m => m.Check))}. See the table above.");
        });

    /// <summary>With --install-prerequisites, installs what the build needs and starts a Docker engine before any tool runs.</summary>
    Target Prerequisites => _ => _
        .Description("Installs missing prerequisites and starts a Docker engine when none answers (only with --install-prerequisites).")
        .Unlisted()
        .OnlyWhenStatic(() => InstallPrerequisites, "no --install-prerequisites")
        .DependentFor(UserlandSources, KubeEdgeSource, Edgecore, DockerStatic, SyncOpenHarmony, PatchOpenHarmony, BuildOpenHarmony, ExplainKernelConfig)
        .Executes(async ct =>
        {
            var check = new PrerequisiteCheck(ToolchainsDirectory, [], 0);
            var missing = (await check.RunAsync(ct)).SelectMany(r => r.Packages).Distinct().ToList();
            if (missing.Count > 0) await PackageInstaller.InstallAsync(missing, ct);
            else Log.Information("All prerequisites are installed.");
            await DockerService.EnsureRunningAsync(ct);
        });

    /// <summary>Removes outputs and build trees; the download cache is kept.</summary>
    Target Clean => _ => _
        .Description("Removes artifacts/, build trees and up-to-date records (keeps the download cache).")
        .Executes(() =>
        {
            foreach (var dir in new[] { ArtifactsDirectory, WorkDirectory, TemporaryDirectory / "state" })
                if (dir.DirectoryExists())
                {
                    Directory.Delete(dir, recursive: true);
                    Log.Information($"Removed {dir}");
                }
        });
}
