namespace EdgeBuild.Tooling;

/// <summary>File helpers that never leave a half-written file behind.</summary>
public static class Files
{
    /// <summary>Writes <paramref name="content"/> to a temp file beside <paramref name="path"/>, then renames it into place.</summary>
    public static void WriteAtomically(string path, string content) =>
        WriteAtomically(path, stream => { using var w = new StreamWriter(stream, leaveOpen: true); w.Write(content); });

    /// <summary>Writes through <paramref name="write"/> to a temp file, then renames it into place; the temp file is removed on failure.</summary>
    public static void WriteAtomically(string path, Action<Stream> write, UnixFileMode? mode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, m);
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally { if (File.Exists(temp)) File.Delete(temp); }
    }
}
