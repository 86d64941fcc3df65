using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Toolchains;

/// <summary>What an ELF file built by a toolchain must say about itself.</summary>
public sealed record ElfExpectation(string Machine, int Class, bool? HardFloat);

/// <summary>The compiler and binutils names of a toolchain.</summary>
public sealed record ToolchainTools(string Cc, string Cxx, string Ar, string Ranlib, string Strip);

/// <summary>A cross toolchain as described by toolchains/&lt;name&gt;.json.</summary>
public sealed record Toolchain(
    string Name, string Description, string Triplet, string Arch, string GoArch, ElfExpectation Elf,
    ToolchainTools Tools, string Cflags, string Ldflags, string Qemu,
    IReadOnlyList<string> Packages, IReadOnlyList<string> QemuPackages)
{
    internal static readonly JsonSerializerOptions Json = Tooling.DataJson.Options;

    /// <summary>Loads every toolchains/*.json that describes a cross toolchain.</summary>
    public static IReadOnlyList<Toolchain> LoadAll(AbsolutePath directory) =>
        Directory.GetFiles(directory, "*.json").Where(f => Path.GetFileName(f) != "host.json").Order()
            .Select(f => Load(AbsolutePath.Create(f))).ToList();

    /// <summary>Loads one toolchain file, failing with the file's name when it is malformed.</summary>
    public static Toolchain Load(AbsolutePath file)
    {
        return DataJson.Read<Toolchain>(file, "toolchain definition");
    }

    /// <summary>Finds a toolchain by name or arch (arm64, armhf), listing the known ones when absent.</summary>
    public static Toolchain Find(IReadOnlyList<Toolchain> all, string nameOrArch) =>
        all.FirstOrDefault(t => t.Name == nameOrArch || t.Arch == nameOrArch)
        ?? throw new BuildException($"No toolchain named or for arch '{nameOrArch}'. Known: {string.Join(", ", all.Select(t => $"{t.Name} ({t.Arch})"))}. Add toolchains/<name>.json.");
}

/// <summary>
/// A host program the build (or, with TestsOnly, only its test suite; with Target, only that target and the tests) needs
/// and the packages that provide it (toolchains/host.json); HiddenFromFastTests: off PATH in `Test --fast`.
/// </summary>
public sealed record HostTool(string Command, IReadOnlyList<string> Packages, string Why, bool TestsOnly = false, bool HiddenFromFastTests = false, string? Target = null)
{
    /// <summary>Loads toolchains/host.json.</summary>
    public static IReadOnlyList<HostTool> LoadAll(AbsolutePath file) =>
        DataJson.Read<HostToolsFile>(file, "host tool list").Tools ?? [];

    private sealed record HostToolsFile(IReadOnlyList<HostTool> Tools);
}
