using EdgeBuild.Tooling;
using System.Formats.Tar;
using System.IO.Compression;
using EdgeBuild.Extraction;
using EdgeBuild.Pins;
using EdgeBuild.Toolchains;
using EdgeBuild.Verification;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>What DockerStatic produced: the version and each verified binary.</summary>
public sealed record DockerStaticResult(string Version, string Directory, IReadOnlyList<string> Binaries);

/// <summary>
/// Checks Docker's static tarball against its pin, unpacks the docker/ folder and fails unless it holds exactly the
/// binaries of the version's family, each a static ELF for the board's arch.
/// </summary>
public static class DockerStaticUnpacker
{
    /// <summary>Verifies <paramref name="tarball"/> and unpacks it into <paramref name="outputDirectory"/> (replaced).</summary>
    public static async Task<DockerStaticResult> RunAsync(string tarball, Pin pin, PinFile file, DockerStaticFamily family,
        ElfExpectation elf, string outputDirectory, CancellationToken ct)
    {
        if (!File.Exists(tarball))
            throw new BuildException($"Docker static tarball {tarball} does not exist; give it with --docker-static-tarball or put {file.FileName} in the download cache.");
        var sha = await FileHash.Sha256Async(tarball, ct);
        if (sha != file.Sha256)
            throw new BuildException($"{tarball} has sha256 {sha}, but pin {pin.Name} {pin.Version} ({pin.Origin}) says {file.Sha256}. Delete the file and fetch it again, or fix the pin.");

        var staging = outputDirectory + ".partial";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            var found = await UnpackAsync(tarball, staging, ct);
            var missing = family.Binaries.Except(found.Binaries).Order().ToList();
            var extra = found.Binaries.Except(family.Binaries).Concat(found.Unexpected).Order().ToList();
            if (missing.Count > 0 || extra.Count > 0)
                throw new BuildException($"{Path.GetFileName(tarball)} does not hold the Docker {family.From} family's file set" +
                    (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "") +
                    (extra.Count > 0 ? $"; unexpected: {string.Join(", ", extra)}" : "") +
                    ". Check the pinned version, or update targets/docker-static-files.json when Docker changed what it ships.");
            foreach (var binary in found.Binaries) ElfInspector.VerifyStatic(Path.Combine(staging, binary), elf);

            if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
            Directory.Move(staging, outputDirectory);
            return new DockerStaticResult(pin.Version, outputDirectory, [.. found.Binaries.Order()]);
        }
        // Whatever failed (bad archive, bomb, full disk, cancellation), no half-unpacked Docker stays behind.
        finally { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); }
    }

    // Only regular files directly in docker/ are written; everything else is listed as unexpected, never created.
    private static async Task<(List<string> Binaries, List<string> Unexpected)> UnpackAsync(string tarball, string staging, CancellationToken ct)
    {
        var found = new List<string>();
        var unexpected = new List<string>();
        var budget = new ExtractionBudget(tarball, ExtractionLimits.Default);
        await using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(cancellationToken: ct) is { } entry)
        {
            budget.CountEntry(entry.Name);
            var name = entry.Name.TrimStart('.', '/');
            if (entry.EntryType == TarEntryType.Directory && name.TrimEnd('/') == "docker") continue;
            var binary = name.StartsWith("docker/", StringComparison.Ordinal) ? name["docker/".Length..] : null;
            if (binary is null || binary.Length == 0 || binary.Contains('/') || !IsRegular(entry.EntryType) || found.Contains(binary))
            {
                unexpected.Add(entry.Name);
                continue;
            }
            var target = Path.Combine(staging, binary);
            await DiskFull.WritingAsync(target, async () =>
            {
                await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                if (entry.DataStream is { } data) await budget.CopyAsync(entry.Name, data, output, ct);
            });
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
            found.Add(binary);
        }
        return (found, unexpected);
    }

    private static bool IsRegular(TarEntryType type) => type is TarEntryType.RegularFile or TarEntryType.V7RegularFile;
}
