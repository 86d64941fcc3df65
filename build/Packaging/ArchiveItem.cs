namespace EdgeBuild.Packaging;

/// <summary>What an archive entry is.</summary>
public enum ArchiveItemKind { Directory, File, Symlink }

/// <summary>One entry of a reproducible archive: its path inside the archive, where its bytes come from, its normalised mode.</summary>
public sealed record ArchiveItem(string Path, ArchiveItemKind Kind, string? Source, string? LinkTarget, UnixFileMode Mode);
