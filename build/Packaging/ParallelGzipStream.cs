using System.IO.Compression;

namespace EdgeBuild.Packaging;

/// <summary>
/// A write-only stream that gzips on every core: input is cut into fixed-size chunks, each chunk becomes one
/// gzip member (RFC 1952 allows concatenated members; gzip, busybox and toybox read them as one stream), and
/// members are written in input order. Output depends only on the input bytes, level and chunk size.
/// </summary>
public sealed class ParallelGzipStream : Stream
{
    /// <summary>Default chunk: large enough that the per-chunk dictionary reset costs well under 0.1% size.</summary>
    public const int DefaultChunkSize = 4 << 20;

    // RFC 1952 OS byte; zlib writes the host's code, fixed here so archives match across build hosts.
    private const byte UnixOsCode = 3;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly int _level;
    private readonly int _chunkSize;
    private readonly int _maxParallel;
    private readonly Queue<Task<byte[]>> _pending = new();
    private byte[] _buffer;
    private int _filled;
    private long _written;
    private bool _disposed;

    /// <summary>Gzips into <paramref name="output"/> at zlib <paramref name="level"/> (0-9) with up to <paramref name="maxParallel"/> chunks in flight.</summary>
    public ParallelGzipStream(Stream output, int level = 6, int chunkSize = DefaultChunkSize, int maxParallel = 0, bool leaveOpen = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 64 << 10);
        _output = output;
        _leaveOpen = leaveOpen;
        _level = level;
        _chunkSize = chunkSize;
        _maxParallel = maxParallel > 0 ? maxParallel : Environment.ProcessorCount;
        _buffer = new byte[chunkSize];
    }


    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_disposed;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _written; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Members are only complete at chunk boundaries; flushing writes the members already finished.</summary>
    public override void Flush() => _output.Flush();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!data.IsEmpty)
        {
            var take = Math.Min(data.Length, _chunkSize - _filled);
            data[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            _written += take;
            data = data[take..];
            if (_filled == _chunkSize) Dispatch();
        }
    }

    private void Dispatch()
    {
        var chunk = _buffer;
        var length = _filled;
        var level = _level;
        _pending.Enqueue(Task.Run(() => CompressMember(chunk, length, level)));
        _buffer = new byte[_chunkSize];
        _filled = 0;
        // Bounded: at most maxParallel chunks compress while the oldest is written out in order.
        while (_pending.Count > _maxParallel) WriteOldest();
    }

    private void WriteOldest()
    {
        var member = _pending.Dequeue().GetAwaiter().GetResult();
        _output.Write(member);
    }

    /// <summary>One complete gzip member of <paramref name="length"/> bytes: no name, mtime 0, Unix OS byte.</summary>
    public static byte[] CompressMember(byte[] data, int length, int level)
    {
        // zlib emits nothing for an empty write; this is the empty member gzip -n itself writes.
        if (length == 0) return [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, UnixOsCode, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        using var memory = new MemoryStream(length / 3 + 64);
        using (var gzip = new GZipStream(memory, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
            gzip.Write(data, 0, length);
        var bytes = memory.ToArray();
        bytes[4] = bytes[5] = bytes[6] = bytes[7] = 0;
        bytes[9] = UnixOsCode;
        return bytes;
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed) return;
        _disposed = true;
        if (disposing)
        {
            // An empty input still yields one (empty) member, so the file is valid gzip.
            if (_filled > 0 || _written == 0) Dispatch();
            while (_pending.Count > 0) WriteOldest();
            _output.Flush();
            if (!_leaveOpen) _output.Dispose();
        }
        base.Dispose(disposing);
    }
}
