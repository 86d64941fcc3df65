namespace EdgeBuild.Tooling;

/// <summary>A normalised absolute path with a <c>/</c> operator, so paths compose without string concatenation.</summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private readonly string _path;

    private AbsolutePath(string path) => _path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>Resolves <paramref name="path"/> against the current directory.</summary>
    public static AbsolutePath Create(string path) => new(path);

    /// <summary>Appends a relative part.</summary>
    public static AbsolutePath operator /(AbsolutePath left, string right) => new(Path.Combine(left._path, right));

    public static implicit operator string(AbsolutePath? path) => path?._path!;

    /// <summary>The containing directory.</summary>
    public AbsolutePath Parent => new(Path.GetDirectoryName(_path) ?? _path);
    /// <summary>The last segment.</summary>
    public string Name => Path.GetFileName(_path);
    /// <summary>True when a file exists here.</summary>
    public bool FileExists() => File.Exists(_path);
    /// <summary>True when a directory exists here.</summary>
    public bool DirectoryExists() => Directory.Exists(_path);
    /// <summary>Creates the directory (and parents) and returns this path.</summary>
    public AbsolutePath CreateDirectory() { Directory.CreateDirectory(_path); return this; }
    /// <summary>This path relative to <paramref name="basePath"/>, with forward slashes.</summary>
    public string RelativeTo(AbsolutePath basePath) => Path.GetRelativePath(basePath, _path).Replace('\\', '/');

    public override string ToString() => _path;
    public bool Equals(AbsolutePath? other) => other is not null && _path == other._path;
    public override bool Equals(object? obj) => obj is AbsolutePath p && Equals(p);
    public override int GetHashCode() => _path.GetHashCode();
}
