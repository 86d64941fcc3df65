namespace EdgeBuild.Tests.Packaging;

/// <summary>A directory under the system temp path, removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>The directory's full path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("edge-packaging-").FullName;

    /// <summary>Writes <paramref name="content"/> at <paramref name="relative"/> (parents created) and returns its full path.</summary>
    public string Write(string relative, string content, UnixFileMode? mode = null)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        if (mode is { } m) File.SetUnixFileMode(full, m);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
