using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using ELFSharp.ELF.Segments;
using EdgeBuild.Toolchains;
using EdgeBuild.Reporting;

namespace EdgeBuild.Verification;

/// <summary>What an ELF file says about itself.</summary>
public sealed record ElfFacts(string Machine, int Class, bool? HardFloat, int? ArmEabiVersion, string? Interpreter, IReadOnlyList<string> Needed)
{
    /// <summary>Truly static: no program interpreter and no shared-library dependency.</summary>
    public bool IsStatic => Interpreter is null && Needed.Count == 0;

    /// <summary>Like file(1): "ELF 64-bit AArch64, static".</summary>
    public override string ToString() =>
        $"ELF {Class}-bit {Machine}" + (ArmEabiVersion is { } v ? $" EABI{v}" : "") + (HardFloat is true ? " hard-float" : HardFloat is false ? " soft-float" : "") +
        (IsStatic ? ", static" : $", dynamic (interpreter {Interpreter ?? "none"}, needs {string.Join(" ", Needed)})");
}

/// <summary>Reads ELF headers (ELFSharp) and checks built binaries against a toolchain's expectation.</summary>
public static class ElfInspector
{
    private const uint ArmFloatHard = 0x400;
    private const uint ArmFloatSoft = 0x200;

    /// <summary>Reads machine, class, ARM float ABI, PT_INTERP and DT_NEEDED of <paramref name="path"/>.</summary>
    public static ElfFacts Read(string path)
    {
        if (!ELFReader.TryLoad(path, out var elf))
            throw new BuildException($"{path} is not an ELF file.");
        using (elf)
        {
            var interpreter = elf.Segments.FirstOrDefault(s => s.Type == SegmentType.Interpreter) is { } segment
                ? System.Text.Encoding.ASCII.GetString(segment.GetFileContents()).TrimEnd('\0') : null;
            var needed = new List<string>();
            if (elf.TryGetSection(".dynstr", out var strings) && strings is IStringTable table)
                foreach (var dynamic in elf.Sections.Where(s => s.Type == SectionType.Dynamic))
                    foreach (var entry in DynamicEntries(dynamic).Where(e => e.Tag == DynamicTag.Needed))
                        needed.Add(table[(long)entry.Value]);
            bool? hardFloat = null; int? eabi = null;
            if (elf.Machine == Machine.ARM)
            {
                var flags = ReadFlags(path);
                eabi = (int)(flags >> 24);
                hardFloat = (flags & ArmFloatHard) != 0 ? true : (flags & ArmFloatSoft) != 0 ? false : null;
            }
            return new ElfFacts(elf.Machine.ToString(), elf.Class == Class.Bit64 ? 64 : 32, hardFloat, eabi, interpreter, needed);
        }
    }

    /// <summary>Fails naming the file and the difference unless it is a static binary of the expected machine and ABI.</summary>
    public static ElfFacts VerifyStatic(string path, ElfExpectation expected)
    {
        var facts = Read(path);
        var problems = new List<string>();
        if (facts.Machine != expected.Machine) problems.Add($"machine {facts.Machine}, expected {expected.Machine}");
        if (facts.Class != expected.Class) problems.Add($"{facts.Class}-bit, expected {expected.Class}-bit");
        if (expected.HardFloat is { } hf && facts.HardFloat != hf) problems.Add($"float ABI {(facts.HardFloat is true ? "hard" : "soft/unknown")}, expected {(hf ? "hard" : "soft")}");
        if (facts.Interpreter is not null) problems.Add($"has a program interpreter ({facts.Interpreter}): not static");
        if (facts.Needed.Count > 0) problems.Add($"needs shared libraries ({string.Join(", ", facts.Needed)}): not static");
        if (problems.Count > 0)
            throw new BuildException($"{path} is not what the build must produce: {string.Join("; ", problems)}. It is: {facts}.");
        return facts;
    }

    private static IEnumerable<(DynamicTag Tag, ulong Value)> DynamicEntries(ISection section) => section switch
    {
        DynamicSection<ulong> d64 => d64.Entries.Select(e => (e.Tag, ((DynamicEntry<ulong>)e).Value)),
        DynamicSection<uint> d32 => d32.Entries.Select(e => (e.Tag, (ulong)((DynamicEntry<uint>)e).Value)),
        _ => [],
    };

    // e_flags sits at 0x24 in a 32-bit ELF header; ELFSharp does not expose it.
    private static uint ReadFlags(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[0x28];
        stream.ReadExactly(header);
        return BitConverter.ToUInt32(header, 0x24);
    }
}
