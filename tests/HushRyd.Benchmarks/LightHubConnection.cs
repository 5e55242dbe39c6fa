using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// The least of a SignalR client the realtime load needs, over one WebSocket without negotiation: the JSON hub protocol's
/// handshake, one invocation awaited to its completion, then positions read in place (no allocation per message) and a
/// ping now and then so the server's client timeout does not close it. HubConnection per connection took as much CPU as
/// the servers it measured; socket.io's side already uses light Node clients.
/// </summary>
internal sealed class LightHubConnection : IDisposable
{
    private const byte RecordSeparator = 0x1E;
    private const int InvocationType = 1;
    private const int CompletionType = 3;
    private const int CloseType = 7;
    private const string InvocationId = "1";

    private static readonly byte[] Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly byte[] PingRecord = "{\"type\":6}\u001e"u8.ToArray();

    private readonly ClientWebSocket _socket;
    private readonly Action<long> _onLocation;
    private byte[] _buffer = new byte[1024];
    private int _start;
    private int _end;

    private LightHubConnection(ClientWebSocket socket, Action<long> onLocation)
    {
        _socket = socket;
        _onLocation = onLocation;
    }

    /// <summary>Opens the WebSocket to <paramref name="hub"/> (an http URL) with the token and completes the handshake.</summary>
    /// <param name="onLocation">Called with each <c>location</c> event's timestamp.</param>
    /// <param name="negotiate">Negotiate first and open the WebSocket with the connection's id, as a SignalR client that does not skip negotiation.</param>
    public static async Task<LightHubConnection> ConnectAsync(
        Uri hub, string token, HttpMessageInvoker invoker, Action<long> onLocation, bool negotiate, CancellationToken cancellationToken)
    {
        var uri = await HubSocketAddress.ForAsync(hub, token, invoker, negotiate, cancellationToken);
        var socket = new ClientWebSocket();
        var connection = new LightHubConnection(socket, onLocation);
        try
        {
            await socket.ConnectAsync(uri, invoker, cancellationToken);
            await socket.SendAsync(Handshake.AsMemory(), WebSocketMessageType.Text, true, cancellationToken);
            var answer = HubRecord.Read((await connection.NextRecordAsync(cancellationToken)).Span);
            if (answer.Error is { } error)
            {
                throw new InvalidOperationException("Handshake refused: " + error);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Invokes <paramref name="method"/> with one string argument and waits for its completion; a hub error throws.</summary>
    public async Task InvokeAsync(string method, string argument, CancellationToken cancellationToken)
    {
        var invocation = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(invocation))
        {
            writer.WriteStartObject();
            writer.WriteNumber("type", InvocationType);
            writer.WriteString("invocationId", InvocationId);
            writer.WriteString("target", method);
            writer.WriteStartArray("arguments");
            writer.WriteStringValue(argument);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        invocation.Write([RecordSeparator]);
        await _socket.SendAsync(invocation.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken);
        while (true)
        {
            var record = HubRecord.Read((await NextRecordAsync(cancellationToken)).Span);
            if (record.Type == CompletionType && record.InvocationId == InvocationId)
            {
                if (record.Error is { } error)
                {
                    throw new InvalidOperationException($"{method} failed: {error}");
                }

                return;
            }

            Handle(record);
        }
    }

    /// <summary>Reads positions until the server closes the connection or <paramref name="cancellationToken"/> ends it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var record = HubRecord.Read((await NextRecordAsync(cancellationToken)).Span);
                if (record.Type == CloseType)
                {
                    return;
                }

                Handle(record);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
            // Closed: the count shows what it missed.
        }
    }

    public Task PingAsync() => _socket.SendAsync(PingRecord.AsMemory(), WebSocketMessageType.Text, true, CancellationToken.None).AsTask();

    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    public void Dispose() => _socket.Dispose();

    private void Handle(in HubRecord record)
    {
        if (record.Type == InvocationType && record.Timestamp is { } timestamp)
        {
            _onLocation(timestamp);
        }
    }

    /// <summary>The next record (without its separator), read from the socket as far as needed; valid until the next call.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> NextRecordAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var separator = Array.IndexOf(_buffer, RecordSeparator, _start, _end - _start);
            if (separator >= 0)
            {
                var record = _buffer.AsMemory(_start, separator - _start);
                _start = separator + 1;
                return record;
            }

            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new EndOfStreamException("The server closed the connection.");
            }

            _end += received.Count;
        }
    }

    /// <summary>
    /// What the load reads of one JSON hub record: its type, a completion's id and error, a handshake's error, and a
    /// <c>location</c> invocation's timestamp. Strings are made only for the properties that carry them (not positions).
    /// </summary>
    private readonly record struct HubRecord(int Type, string? InvocationId, string? Error, long? Timestamp)
    {
        public static HubRecord Read(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            int type = 0;
            string? invocationId = null;
            string? error = null;
            long? timestamp = null;
            var location = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("target"u8))
                {
                    reader.Read();
                    location = reader.ValueTextEquals("location"u8);
                }
                else if (reader.ValueTextEquals("invocationId"u8))
                {
                    reader.Read();
                    invocationId = reader.GetString();
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    error = reader.GetString();
                }
                else if (reader.ValueTextEquals("arguments"u8))
                {
                    reader.Read();
                    timestamp = FirstArgumentTimestamp(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return new HubRecord(type, invocationId, error, location ? timestamp : null);
        }

        /// <summary>From the arguments array's start to its end: the first argument's <c>timestamp</c>, if it is an object with one.</summary>
        private static long? FirstArgumentTimestamp(ref Utf8JsonReader reader)
        {
            long? timestamp = null;
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isTimestamp = reader.ValueTextEquals("timestamp"u8);
                    reader.Read();
                    if (isTimestamp && reader.TokenType == JsonTokenType.Number)
                    {
                        timestamp = reader.GetInt64();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                reader.Read();
            }

            while (reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
                reader.Read();
            }

            return timestamp;
        }
    }
}
