using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>
/// A local image made FROM an official one plus the packages it lacks. Its tag is a hash of its Dockerfile, so the same
/// base and packages build once and are reused; another base or package list is another image.
/// </summary>
public sealed record DerivedImage
{
    /// <summary>The official image it starts FROM.</summary>
    public required string Base { get; init; }
    /// <summary>Packages added on top.</summary>
    public required IReadOnlyList<string> Packages { get; init; }
    /// <summary>The shell command installing them; {packages} is replaced by the space-separated list.</summary>
    public required string InstallCommand { get; init; }
    /// <summary>Repository part of the tag.</summary>
    public string Repository { get; init; } = "edge-build/ohos-builder";

    /// <summary>The Dockerfile: FROM the base, one RUN installing the packages.</summary>
    public string Dockerfile => $"FROM {Base}\nRUN {InstallCommand.Replace("{packages}", string.Join(' ', Packages))}\n";

    /// <summary>repository:first 16 hex digits of the Dockerfile's sha256.</summary>
    public string Tag => $"{Repository}:{FileHash.Sha256OfText(Dockerfile)[..16]}";

    /// <summary>For --plan and logs: the tag and what it is made of.</summary>
    public override string ToString() => $"{Tag} (derived: FROM {Base} + {string.Join(", ", Packages)})";

    /// <summary>Builds the image through the engine API unless an image with its tag exists; fails with the build's last output.</summary>
    public async Task EnsureAsync(DockerClient client, ContainerRunner runner, CancellationToken ct)
    {
        try { await client.Images.InspectImageAsync(Tag, ct).ConfigureAwait(false); BuildReport.Current.Information($"Builder image {Tag} is built already."); return; }
        catch (DockerImageNotFoundException) { }
        await runner.EnsureImageAsync(Base, ct).ConfigureAwait(false);
        BuildReport.Current.Information($"Building {this}");
        using var context = new MemoryStream();
        using (var tar = new TarWriter(context, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Dockerfile)) };
            tar.WriteEntry(entry);
        }
        context.Position = 0;
        var output = new List<string>();
        string? error = null;
        var progress = new Progress<JSONMessage>(m =>
        {
            if (m.Error is not null) error = m.Error.Message ?? m.ErrorMessage;
            else if (!string.IsNullOrWhiteSpace(m.Stream)) lock (output) output.Add(m.Stream.TrimEnd());
        });
        await client.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters { Tags = [Tag], Remove = true, ForceRemove = true },
            context, null, null, progress, ct).ConfigureAwait(false);
        try { await client.Images.InspectImageAsync(Tag, ct).ConfigureAwait(false); }
        catch (DockerImageNotFoundException)
        {
            throw new BuildException($"Building the builder image {this} failed: {error ?? "no image was produced"}\n" +
                string.Join("\n", output.TakeLast(20)) + "\nName a ready image with --builder-image, or install the packages into one yourself.");
        }
    }
}
