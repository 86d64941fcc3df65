using System.Reflection;
using System.Text.Json;
using EdgeBuild.Tooling;
using EdgeBuild.Reporting;

namespace EdgeBuild.Extraction;

/// <summary>An archive that would unpack to more bytes or entries than <see cref="ExtractionLimits"/> allow.</summary>
public sealed class ExtractionLimitException(string message) : BuildException(message);

/// <summary>targets/extraction-limits.json: how far one archive may expand (bytes and entries), against archive bombs.</summary>
public sealed record ExtractionLimits
{
    /// <summary>Bytes an archive may expand to, per byte of the archive itself.</summary>
    public required long Ratio { get; init; }
    /// <summary>Bytes every archive may expand to, however small it is.</summary>
    public required long MinimumBytes { get; init; }
    /// <summary>Entries (files, directories, links) one archive may hold.</summary>
    public required long MaxEntries { get; init; }

    /// <summary>The data file's limits (built into the program from targets/extraction-limits.json).</summary>
    public static ExtractionLimits Default { get; } = Load();

    /// <summary>The byte limit for an archive of <paramref name="archiveSize"/> bytes.</summary>
    public long MaxBytesFor(long archiveSize) => Math.Max(MinimumBytes, archiveSize > long.MaxValue / Ratio ? long.MaxValue : archiveSize * Ratio);

    private static ExtractionLimits Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("extraction-limits.json")
            ?? throw new BuildException("extraction-limits.json is not built into the program; rebuild it from a full checkout (targets/extraction-limits.json).");
        return JsonSerializer.Deserialize<ExtractionLimits>(stream, DataJson.Options)
            ?? throw new BuildException("targets/extraction-limits.json is empty.");
    }
}

/// <summary>Counts one archive's entries and bytes as they are written, failing as soon as a limit is passed.</summary>
public sealed class ExtractionBudget(string archive, ExtractionLimits limits)
{
    private readonly long _maxBytes = limits.MaxBytesFor(new FileInfo(archive).Length);
    private long _bytes;
    private long _entries;

    /// <summary>Counts one more entry.</summary>
    public void CountEntry(string entryName)
    {
        if (++_entries > limits.MaxEntries)
            throw new ExtractionLimitException($"{archive} holds more than {limits.MaxEntries} entries (at '{entryName}'), the limit in targets/extraction-limits.json; refused as a likely archive bomb (raise maxEntries there if the archive is genuine).");
    }

    /// <summary>Counts <paramref name="bytes"/> more written for <paramref name="entryName"/>.</summary>
    public void CountBytes(string entryName, long bytes)
    {
        _bytes += bytes;
        if (_bytes > _maxBytes)
            throw new ExtractionLimitException($"{archive} expands to more than {_maxBytes} bytes (at '{entryName}'), {limits.Ratio}x its size or at least {limits.MinimumBytes} as targets/extraction-limits.json allows; refused as a likely archive bomb (raise the limit there if the archive is genuine).");
    }

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/>, counting every byte against the budget.</summary>
    public async Task CopyAsync(string entryName, Stream input, Stream output, CancellationToken ct)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(buffer, ct)) > 0)
        {
            CountBytes(entryName, read);
            await output.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }
}
