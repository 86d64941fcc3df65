namespace EdgeBuild.Tests.KubeEdge.Fixtures;

/// <summary>A temp directory under Path.GetTempPath(), removed on dispose.</summary>
public sealed class ScratchDirectory : IDisposable
{
    /// <summary>The directory's full path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("eb-kubeedge-").FullName;

    /// <summary>A path inside the directory.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
