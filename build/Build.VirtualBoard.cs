using EdgeBuild.Engine;
using EdgeBuild.Manifests;
using EdgeBuild.Packaging;
using EdgeBuild.VirtualBoard;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild;

public partial class Build
{
    [Parameter("Virtual board definition in targets/virtual-board/ (default: debian-arm64).")] public readonly string VirtualBoardName = "debian-arm64";
    [Parameter("VirtualBoard drops into the VM's console (Ctrl-A X leaves) instead of running the smoke script.")] public readonly bool VmShell;
    [Parameter("VirtualBoard uses Debian's arm64 docker.io, containerd, runc and tini in place of the sidecar's Docker binaries (when Docker's static tarball cannot be had).")] public readonly bool DockerStandIn;
    [Parameter("VirtualBoard runs only these smoke steps, in the script's order (e.g. modules,network,check_kernel,setup_docker,setup_docker_again: the quick loop for setup-docker.sh).")] public readonly string[] VmSteps = [];
    [Parameter("Sidecar tarball VirtualBoard unpacks (default: artifacts/<board>/sidecar-<board>-<version>.tar.gz from ./build.sh Sidecar).")] public readonly AbsolutePath? SidecarArchive;

    /// <summary>targets/virtual-board/&lt;--virtual-board-name&gt;.json.</summary>
    AbsolutePath VirtualBoardDefinitionFile => TargetsDirectory / "virtual-board" / $"{VirtualBoardName}.json";

    /// <summary>The Debian .deb cache (kernel, Docker stand-in) and apt-cache's kept answers.</summary>
    AbsolutePath VirtualBoardPackageCache => DownloadsDirectory / "debian";

    /// <summary>Boots the sidecar on a real arm64 kernel under qemu and runs the smoke script (or a shell with --vm-shell).</summary>
    Target VirtualBoard => _ => _
        .Description("Boots Debian's arm64 kernel under qemu-system-aarch64 with the sidecar unpacked at / and an f2fs data disk; runs check-kernel.sh, setup-docker.sh (twice), dockerd, a bridged container, a published port, memory.stat, edgecore. Run ./build.sh Sidecar first.")
        .Executes(async ct =>
        {
            var identity = Context.Identity;
            var definition = VirtualBoardDefinitionFile;
            await VirtualBoardPrerequisites.EnsureAsync(ToolchainsDirectory / "host.json", VirtualBoardDefinition.Load(definition), InstallPrerequisites,
                new AptAnswers(VirtualBoardPackageCache / "apt-answers.json"), ct);
            var sidecar = SidecarArchive ?? HandedOverSidecar("--sidecar-archive FILE, or ");
            if (!sidecar.FileExists()) throw new BuildException($"VirtualBoard boots the sidecar {sidecar}, which does not exist: run ./build.sh Sidecar first (same --release-version), or pass --sidecar-archive FILE.");
            var result = await VirtualBoardRunner.RunAsync(new VirtualBoardRequest
            {
                Definition = definition, Sidecar = sidecar, TargetsDirectory = TargetsDirectory,
                PackageCache = VirtualBoardPackageCache, WorkDirectory = WorkDirectory / "virtual-board" / Board,
                ConsoleLog = BoardArtifacts / "logs" / "virtual-board-console.log", DockerStandIn = DockerStandIn, Shell = VmShell, Steps = VmSteps,
            }, ct);
            if (result is null)
            {
                Summary.Note("interactive console session ended (poweroff -f or Ctrl-A X)");
                return;
            }
            foreach (var step in result.Report.Steps) Summary.Note(step.ToString());
            if (DockerStandIn) Summary.Note("docker: Debian's arm64 docker.io stand-in, not the sidecar's static Docker");
            var cloudcore = $"cloudcore stub: {(result.CloudcoreAttempts.Count == 0 ? "no connection" : CloudcoreStub.Describe(result.CloudcoreAttempts))}";
            if (result.Report.Steps.Any(s => s.Name == "edgecore")) Summary.Note(cloudcore);
            await new ArtifactManifest(BoardArtifacts).RecordFileAsync(result.ConsoleLog, new ManifestEntry
            {
                Arch = "arm64", Component = "virtual-board", Version = identity.Version, License = "n/a", Target = nameof(VirtualBoard),
                Source = $"{Path.GetFileName(sidecar)} on {result.KernelPackage}{(DockerStandIn ? " with Debian's docker.io stand-in" : "")}",
                Changes = [.. result.Report.Steps.Select(s => s.ToString()), cloudcore, result.Report.Passed ? "smoke: passed" : "smoke: FAILED"],
            }, ct);
            if (result.Report.Steps.FirstOrDefault(s => s.Status == "FAIL") is { } failed)
                throw new BuildException($"Virtual board smoke step {failed.Name} failed: {failed.Detail}\n  console log: {result.ConsoleLog}");
            if (!result.Report.Passed && VmSteps.Length == 0)
                throw new BuildException($"The virtual board stopped before the smoke script finished (last step: {result.Report.Steps.LastOrDefault()?.Name ?? "none"}); console log: {result.ConsoleLog}");
            if (result.KernelCheckDisagreements.Count > 0)
                throw new BuildException($"check-kernel.sh in the VM and CheckKernelConfig disagree on {result.KernelCheckDisagreements.Count} option(s) of the same config:\n  " + string.Join("\n  ", result.KernelCheckDisagreements));
            if (result.Report.KernelCheck.Count > 0)
                Summary.Note($"check_kernel: check-kernel.sh and CheckKernelConfig agree on {result.Report.KernelCheck.Count} options");
        });
}
