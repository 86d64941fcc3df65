using System.Runtime.InteropServices;

namespace EdgeBuild.Extraction;

/// <summary>What a path names itself, without following a final symlink (lstat).</summary>
public enum FileKind { Missing, Regular, Directory, Symlink, Other }

/// <summary>lstat for managed code: .NET's file APIs follow links and hide device nodes and fifos.</summary>
public static partial class FileKinds
{
    /// <summary>The kind of <paramref name="path"/> itself (a symlink is <see cref="FileKind.Symlink"/>, never its target).</summary>
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null) return FileKind.Symlink;
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }
        if (LStat(path, out var status) != 0) return FileKind.Missing;
        return (status.Mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.Symlink,
            _ => FileKind.Other,
        };
    }

    // System.Native is .NET's own shim over libc: one struct layout on every Unix and arch (glibc's struct stat differs per arch).
    // Size covers the fields after Mode, which lstat writes and nothing here reads.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, out NativeFileStatus status);
}
