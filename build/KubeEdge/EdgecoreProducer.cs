using EdgeBuild.Containers;
using EdgeBuild.Toolchains;
using EdgeBuild.Reporting;

namespace EdgeBuild.KubeEdge;

/// <summary>How edgecore is built: native when the host's Go fits (auto), or always one way.</summary>
public enum EdgecoreBuildMode { Auto, Native, Container }

/// <summary>
/// Produces the verified edgecore at <paramref name="outputPath"/>: built from a patched tree (natively or in the
/// release's golang image) or taken from a prebuilt file. Nothing lands there unless it passed verification.
/// </summary>
public sealed class EdgecoreProducer(Toolchain toolchain, EdgecoreFields fields, string dataRoot, string outputPath, string workDirectory)
{
    /// <summary>Copies a prebuilt binary into place after verifying it is KubeEdge <paramref name="release"/>'s static edgecore.</summary>
    public async Task<string> UsePrebuiltAsync(string binary, KubeEdgeRelease release, CancellationToken ct)
    {
        if (!File.Exists(binary)) throw new BuildException($"--edgecore-binary {binary} does not exist.");
        await EdgecoreVerifier.VerifyAsync(binary, toolchain, release, fields, dataRoot, ct);
        Install(binary, move: false);
        return outputPath;
    }

    /// <summary>Native or container, and in words why; fails when native is demanded but the host's Go is too old.</summary>
    public static async Task<(bool Native, Version? HostGo, string Why)> ChooseAsync(KubeEdgeRelease release, EdgecoreBuildMode mode, string? golangImage, CancellationToken ct)
    {
        var series = release.Series;
        var hostGo = await GoToolchainProbe.HostVersionAsync(ct);
        var fits = GoToolchainProbe.CanBuild(hostGo, release);
        if (mode == EdgecoreBuildMode.Native && !fits)
            throw new BuildException($"KubeEdge {release.Version} needs Go {series.GoMinimum} or newer; PATH has {(hostGo is null ? "no go" : $"Go {hostGo}")}. " +
                "Install it, or drop --edgecore-build native to build in the golang container.");
        var native = mode == EdgecoreBuildMode.Native || (mode == EdgecoreBuildMode.Auto && golangImage is null && fits);
        var host = hostGo is null ? "no Go on PATH" : $"host Go {hostGo}";
        return (native, hostGo, native
            ? $"with the {host} (KubeEdge {series.Minor} needs {series.GoMinimum}+)"
            : $"in {golangImage ?? series.GolangImage} ({host}, KubeEdge {series.Minor} needs {series.GoMinimum}+)");
    }

    /// <summary>Builds edgecore from <paramref name="tree"/> stamped with <paramref name="buildDate"/> (the run's source date epoch), verifies it and puts it in place.</summary>
    public async Task<string> BuildAsync(KubeEdgeSourceTree tree, string goBuildTags, EdgecoreBuildMode mode, string? golangImage, DateTimeOffset buildDate, CancellationToken ct)
    {
        var series = tree.Release.Series;
        var (native, hostGo, why) = await ChooseAsync(tree.Release, mode, golangImage, ct);
        var scratch = Path.Combine(workDirectory, $"edgecore-{tree.Release.Version}-build");
        var goVersion = native ? hostGo! : GoToolchainProbe.Parse(series.GoUpstream)!;
        var request = GoBuildRequest.ForEdgecore(tree, toolchain, goVersion, goBuildTags, scratch, buildDate, Path.Combine(workDirectory, "logs", "edgecore-build.log"));
        string built;
        if (native)
        {
            BuildReport.Current.Information($"Building edgecore {tree.Release.Tag} {why}; log: {request.LogFile}");
            built = await NativeGoBuild.RunAsync(request, ct);
        }
        else
        {
            var image = golangImage ?? series.GolangImage;
            BuildReport.Current.Information($"Building edgecore {tree.Release.Tag} {why}; log: {request.LogFile}");
            await DockerEngine.RequireAsync();
            using var client = DockerEngine.Connect();
            built = await new ContainerGoBuild(new ContainerRunner(client)).RunAsync(request, image, ct);
        }
        await EdgecoreVerifier.VerifyAsync(built, toolchain, tree.Release, fields, dataRoot, ct);
        Install(built, move: true);
        return outputPath;
    }

    private void Install(string source, bool move)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        if (move) File.Move(source, outputPath, overwrite: true);
        else File.Copy(source, outputPath, overwrite: true);
        BuildReport.Current.Information($"edgecore → {outputPath}");
    }
}
