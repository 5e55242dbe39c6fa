using System.Buffers;
using System.IO.Pipelines;

namespace HushRyd.Platform.Connections;

/// <summary>
/// A taken-over transport as a stream, for <see cref="System.Net.WebSockets.WebSocket.CreateFromStream(Stream, System.Net.WebSockets.WebSocketCreationOptions)"/>.
/// A zero-byte read waits for data without taking any, so an idle reader holds no buffer.
/// </summary>
public sealed class TransportStream(IDuplexPipe transport) : Stream
{
    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await transport.Input.ReadAsync(cancellationToken);
        var unread = result.Buffer;
        if (result.IsCanceled)
        {
            transport.Input.AdvanceTo(unread.Start);
            throw new OperationCanceledException("The read was canceled.");
        }

        var count = (int)Math.Min(buffer.Length, unread.Length);
        unread.Slice(0, count).CopyTo(buffer.Span);
        transport.Input.AdvanceTo(unread.GetPosition(count));
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await transport.Output.WriteAsync(buffer, cancellationToken);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException("The write was canceled.");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => transport.Output.FlushAsync(cancellationToken).AsTask();

    public override void Flush() => throw new NotSupportedException("The transport is written asynchronously.");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The transport is read asynchronously.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The transport is written asynchronously.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
