using System.Buffers.Binary;
using System.Text;
using EdgeBuild.Reporting;

namespace EdgeBuild.Packaging;

/// <summary>One row of RKDevTool's download list: label, image path (Windows), address in sectors, ticked or not.</summary>
public sealed record RkDevToolEntry(string Name, string Path, uint Address, bool Selected);

/// <summary>
/// RKDevTool's config.cfg (binary): "CFG\0", a 2-byte header length (29), a Windows SYSTEMTIME, the entry count (1 byte),
/// the first entry's offset (uint32) and the entry size (uint16, 610); each entry: its size (uint16), name (40 UTF-16LE
/// chars), path (260 UTF-16LE chars), address (uint32), selected (1 byte), 3 bytes padding. Little-endian throughout.
/// Layout read from RKDevTool's own files (tests/data/openharmony samples).
/// </summary>
public sealed record RkDevToolConfig(DateTime Saved, IReadOnlyList<RkDevToolEntry> Entries)
{
    private const int HeaderSize = 29;
    private const int EntrySize = 610;
    private const int NameChars = 40;
    private const int PathChars = 260;

    /// <summary>Parses config.cfg bytes; fails saying what does not fit the format.</summary>
    public static RkDevToolConfig Read(ReadOnlySpan<byte> data, string origin = "config.cfg")
    {
        if (data.Length < HeaderSize || !data[..4].SequenceEqual("CFG\0"u8))
            throw new BuildException($"{origin} is not an RKDevTool config (no CFG header).");
        var time = data[6..22];
        var saved = new DateTime(U16(time, 0), U16(time, 2), U16(time, 6), U16(time, 8), U16(time, 10), U16(time, 12), U16(time, 14));
        int count = data[22];
        var begin = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[23..]);
        var size = BinaryPrimitives.ReadUInt16LittleEndian(data[27..]);
        if (size < EntrySize || begin < HeaderSize || begin + count * size > data.Length)
            throw new BuildException($"{origin}: {count} entries of {size} bytes from offset {begin} do not fit in {data.Length} bytes.");
        var entries = new List<RkDevToolEntry>();
        for (var i = 0; i < count; i++)
        {
            var entry = data.Slice(begin + i * size, size);
            entries.Add(new RkDevToolEntry(Utf16(entry.Slice(2, NameChars * 2)), Utf16(entry.Slice(2 + NameChars * 2, PathChars * 2)),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[602..]), entry[606] != 0));
        }
        return new RkDevToolConfig(saved, entries);
    }

    /// <summary>The config.cfg bytes RKDevTool loads; strings that do not fit fail naming the entry.</summary>
    public byte[] Write()
    {
        if (Entries.Count > byte.MaxValue) throw new BuildException($"RKDevTool config holds at most 255 entries, not {Entries.Count}.");
        var data = new byte[HeaderSize + Entries.Count * EntrySize];
        "CFG\0"u8.CopyTo(data);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(4), HeaderSize);
        ushort[] time = [(ushort)Saved.Year, (ushort)Saved.Month, (ushort)Saved.DayOfWeek, (ushort)Saved.Day, (ushort)Saved.Hour, (ushort)Saved.Minute, (ushort)Saved.Second, (ushort)Saved.Millisecond];
        for (var i = 0; i < time.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(6 + 2 * i), time[i]);
        data[22] = (byte)Entries.Count;
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(23), HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(27), EntrySize);
        for (var i = 0; i < Entries.Count; i++)
        {
            var entry = data.AsSpan(HeaderSize + i * EntrySize, EntrySize);
            var e = Entries[i];
            BinaryPrimitives.WriteUInt16LittleEndian(entry, EntrySize);
            PutUtf16(entry.Slice(2, NameChars * 2), e.Name, NameChars, $"name of entry {e.Name}");
            PutUtf16(entry.Slice(2 + NameChars * 2, PathChars * 2), e.Path, PathChars, $"path of entry {e.Name}");
            BinaryPrimitives.WriteUInt32LittleEndian(entry[602..], e.Address);
            entry[606] = e.Selected ? (byte)1 : (byte)0;
        }
        return data;
    }

    private static int U16(ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);

    // RKDevTool leaves whatever was in memory after the terminator; only the text up to it counts.
    private static string Utf16(ReadOnlySpan<byte> field)
    {
        var chars = new StringBuilder();
        for (var i = 0; i + 1 < field.Length; i += 2)
        {
            var c = (char)BinaryPrimitives.ReadUInt16LittleEndian(field[i..]);
            if (c == '\0') break;
            chars.Append(c);
        }
        return chars.ToString();
    }

    private static void PutUtf16(Span<byte> field, string text, int capacity, string what)
    {
        if (text.Length >= capacity) throw new BuildException($"RKDevTool config: the {what} is {text.Length} characters; at most {capacity - 1} fit.");
        Encoding.Unicode.GetBytes(text, field);
    }
}
