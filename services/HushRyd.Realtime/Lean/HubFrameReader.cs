using System.Buffers;
using System.Net.WebSockets;

namespace HushRyd.Realtime.Lean;

/// <summary>
/// What a lean connection's client has sent and the hub protocol has not parsed yet. While nothing is unread it holds no
/// buffer: it waits with a zero-byte read, as SignalR's WebSocket transport does, and rents one only while a message is in.
/// </summary>
internal sealed class HubFrameReader(WebSocket socket, long maxUnreadBytes) : IDisposable
{
    private const int FirstBufferBytes = 4096;

    private byte[]? _buffer;
    private int _length;

    public ReadOnlySequence<byte> Unread => _length == 0 ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_buffer!, 0, _length);

    /// <summary>Appends the client's next WebSocket message to what is unread.</summary>
    /// <returns>False once the client has closed its side.</returns>
    /// <exception cref="InvalidDataException">More than the hub's maximum message size is unread.</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_length == 0 && (await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken)).MessageType == WebSocketMessageType.Close)
        {
            return false;
        }

        while (true)
        {
            _buffer ??= ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
            if (_length == _buffer.Length)
            {
                Grow();
            }

            var received = await socket.ReceiveAsync(_buffer.AsMemory(_length), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            _length += received.Count;
            if (received.EndOfMessage)
            {
                return true;
            }
        }
    }

    /// <summary>Keeps only what the protocol left of <see cref="Unread"/>.</summary>
    public void KeepLast(long remaining)
    {
        if (remaining == 0)
        {
            Dispose();
            return;
        }

        _buffer.AsSpan(_length - (int)remaining, (int)remaining).CopyTo(_buffer);
        _length = (int)remaining;
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _length = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow()
    {
        if (_length >= maxUnreadBytes)
        {
            throw new InvalidDataException($"The maximum message size of {maxUnreadBytes}B was exceeded.");
        }

        var larger = ArrayPool<byte>.Shared.Rent(_length * 2);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer!);
        _buffer = larger;
    }
}
