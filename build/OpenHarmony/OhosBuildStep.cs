using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.OpenHarmony;

/// <summary>What a finished OpenHarmony build left: the tree, the product and where its images are.</summary>
public sealed record OhosBuildOutput(OhosTree Tree, string Product, AbsolutePath ImagesDirectory, AbsolutePath LogFile)
{
    /// <summary>The image holding the kernel and its embedded config (boot_linux.img).</summary>
    public AbsolutePath BootImage => ImagesDirectory / Tree.Version.BootImage;
    /// <summary>For a build in a volume: copies the images out of it (<see cref="ImagesDirectory"/> is then where they are copied to).</summary>
    public VolumeImageCopy? FromVolume { get; init; }
    /// <summary>For a build in a volume: the images' directory inside it.</summary>
    public string? VolumeImagesDirectory { get; init; }
}

/// <summary>One step BuildOpenHarmony runs on the build's output, in order (collect images, check the kernel config...).</summary>
public interface IOhosBuildStep
{
    /// <summary>Short name for logs.</summary>
    string Name { get; }
    /// <summary>Runs the step; throws <see cref="BuildException"/> when the output is not acceptable.</summary>
    Task RunAsync(OhosBuildOutput output, CancellationToken ct);
}
