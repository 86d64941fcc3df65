using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>Where the Sidecar target takes each part from (other targets' outputs, or files given on the command line).</summary>
public sealed record SidecarSources
{
    /// <summary>The board.</summary>
    public required BoardDefinition Board { get; init; }
    /// <summary>Release version.</summary>
    public required string Version { get; init; }
    /// <summary>Unpacked, verified Docker binaries (DockerStatic's output) and their component.</summary>
    public required (string Directory, PackageComponent Component) Docker { get; init; }
    /// <summary>artifacts/&lt;board&gt;/userland: &lt;arch&gt;/bin/ of the Userland targets.</summary>
    public string? UserlandDirectory { get; init; }
    /// <summary>The edgecore binary (Edgecore's output or a prebuilt one).</summary>
    public string? EdgecoreBinary { get; init; }
    /// <summary>edgecore.yaml (EdgecoreConfig's output of this run, or --edgecore-yaml).</summary>
    public string? EdgecoreConfig { get; init; }
    /// <summary>The user asked for a device-specific sidecar: edgecore.yaml may hold the cloud token.</summary>
    public bool EmbedCloudToken { get; init; }
    /// <summary>artifacts/&lt;board&gt;/manifest.json: component facts of built files.</summary>
    public required string ArtifactsManifest { get; init; }
    /// <summary>The repository's device/ folder: scripts and cgroups.json.</summary>
    public required string DeviceDirectory { get; init; }
    /// <summary>targets/kernel/requirements.json: the option list check-kernel.sh reads on the device.</summary>
    public required string KernelRequirementsFile { get; init; }
    /// <summary>Docker's data root on the device.</summary>
    public string DataRoot { get; init; } = "/mnt/f2fs";
    /// <summary>Registry mirrors for daemon.json.</summary>
    public IReadOnlyList<string> RegistryMirrors { get; init; } = [];
    /// <summary>Where generated files (daemon.json, os-release) are written before packing.</summary>
    public required string GeneratedDirectory { get; init; }
}

/// <summary>Turns <see cref="SidecarSources"/> into the file list of the sidecar, laid out as it lands on the device.</summary>
public static class SidecarAssembler
{
    private static readonly string[] DeviceScripts = ["setup-docker.sh", "start-edgecore.sh", "check-kernel.sh"];
    private const string ProjectComponent = "edge-build";

    /// <summary>Collects every file, link and component; fails naming what is missing.</summary>
    public static async Task<SidecarInputs> AssembleAsync(SidecarSources sources, CancellationToken ct)
    {
        var built = BuiltArtifacts.Read(sources.ArtifactsManifest);
        var components = new Dictionary<string, PackageComponent>(StringComparer.Ordinal);
        var files = new List<SidecarFile>();
        var links = new List<SidecarLink>();
        var holdsToken = false;

        void AddComponent(PackageComponent c) => components.TryAdd(c.Name, c);

        if (!Directory.Exists(sources.Docker.Directory)) throw new BuildException($"Docker binaries {sources.Docker.Directory} are missing; run DockerStatic.");
        AddComponent(sources.Docker.Component);
        foreach (var binary in Directory.GetFiles(sources.Docker.Directory).Order(StringComparer.Ordinal))
            files.Add(new SidecarFile(binary, $"system/bin/{Path.GetFileName(binary)}", sources.Docker.Component.Name, true));

        if (sources.UserlandDirectory is { } userland)
        {
            if (!Directory.Exists(userland)) throw new BuildException($"Userland directory {userland} does not exist; run Userland or give --userland-dir.");
            foreach (var bin in Directory.GetDirectories(userland).Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).Order(StringComparer.Ordinal))
                foreach (var info in new DirectoryInfo(bin).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
                {
                    var destination = $"system/bin/{info.Name}";
                    if (info.LinkTarget is { } target) { links.Add(new SidecarLink(destination, target, "")); continue; }
                    var component = await ComponentOfAsync(info.FullName, built, ct);
                    AddComponent(component);
                    files.Add(new SidecarFile(info.FullName, destination, component.Name, true));
                }
        }

        if (sources.EdgecoreBinary is { } edgecore)
        {
            if (!File.Exists(edgecore)) throw new BuildException($"edgecore binary {edgecore} does not exist; run Edgecore or give --edgecore-binary.");
            // A prebuilt edgecore is not in the manifest; it is still shipped, with what is known about it.
            var component = built.Find(await FileHash.Sha256Async(edgecore, ct))
                ?? new PackageComponent { Name = "kubeedge", Version = "NOASSERTION", License = "Apache-2.0", Source = "prebuilt edgecore given with --edgecore-binary" };
            AddComponent(component);
            files.Add(new SidecarFile(edgecore, "system/bin/edgecore", component.Name, true));
        }
        if (sources.EdgecoreConfig is { } config)
        {
            if (!File.Exists(config)) throw new BuildException($"edgecore.yaml {config} does not exist; run EdgecoreConfig or give --edgecore-yaml.");
            holdsToken = EdgecoreToken.IsIn(await File.ReadAllTextAsync(config, ct));
            if (holdsToken && !sources.EmbedCloudToken)
                throw new BuildException($"edgecore.yaml {config} holds a cloud token, and a sidecar is a distributable archive: remove the token " +
                    "(the device gets it from Deploy --cloud-token or start-edgecore.sh --token-file), or give --embed-cloud-token for a device-specific sidecar.");
            files.Add(new SidecarFile(config, "etc/kubeedge/config/edgecore.yaml", ProjectComponent, false));
        }

        AddComponent(new PackageComponent { Name = ProjectComponent, Version = sources.Version, License = "Apache-2.0", Source = "this repository" });
        foreach (var script in DeviceScripts)
            files.Add(new SidecarFile(RequireFile(Path.Combine(sources.DeviceDirectory, script)), $"system/bin/{script}", ProjectComponent, true));
        files.Add(new SidecarFile(RequireFile(Path.Combine(sources.DeviceDirectory, "cgroups.json")), "etc/cgroups.json", ProjectComponent, false));
        Directory.CreateDirectory(sources.GeneratedDirectory);
        var daemon = Path.Combine(sources.GeneratedDirectory, "daemon.json");
        Files.WriteAtomically(daemon, DeviceConfigs.DaemonJson(sources.DataRoot, sources.RegistryMirrors));
        files.Add(new SidecarFile(daemon, "etc/docker/daemon.json", ProjectComponent, false));
        var kernelOptions = Path.Combine(sources.GeneratedDirectory, "kernel-options");
        Files.WriteAtomically(kernelOptions, KernelOptionList.Render(Kernel.KernelRequirements.Load(sources.KernelRequirementsFile)));
        files.Add(new SidecarFile(kernelOptions, KernelOptionList.DevicePath, ProjectComponent, false));
        var osRelease = Path.Combine(sources.GeneratedDirectory, "os-release");
        Files.WriteAtomically(osRelease, DeviceConfigs.OsRelease(sources.Board.OsRelease, sources.Version));
        files.Add(new SidecarFile(osRelease, "usr/lib/os-release", ProjectComponent, false));

        // A link belongs to the component of the file it points at.
        var byDestination = files.ToDictionary(f => f.Destination, StringComparer.Ordinal);
        links = [.. links.Select(l => l with { Component = byDestination.TryGetValue($"system/bin/{l.Target}", out var f) ? f.Component : ProjectComponent })];
        var duplicate = files.Select(f => f.Destination).Concat(links.Select(l => l.Destination)).GroupBy(d => d).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new BuildException($"Two sidecar inputs land on {duplicate.Key}; remove one of them.");

        return new SidecarInputs
        {
            Board = sources.Board.Name, Version = sources.Version,
            Components = [.. components.Values.OrderBy(c => c.Name, StringComparer.Ordinal)],
            Files = [.. files.OrderBy(f => f.Destination, StringComparer.Ordinal)],
            Links = [.. links.OrderBy(l => l.Destination, StringComparer.Ordinal)],
            HoldsCloudToken = holdsToken,
        };
    }

    private static async Task<PackageComponent> ComponentOfAsync(string file, BuiltArtifacts built, CancellationToken ct) =>
        built.Find(await FileHash.Sha256Async(file, ct))
        ?? throw new BuildException($"{file} is not in artifacts/<board>/manifest.json, so its version, source and licence are unknown. Build it with its target (Userland, Edgecore), or remove it.");

    private static string RequireFile(string path) =>
        File.Exists(path) ? path : throw new BuildException($"{path} is missing from the repository's device/ folder.");
}
