using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>
/// A SignalR JSON-protocol client spoken by hand over a WebSocket with a 4 KiB socket receive buffer, so a test can stop
/// reading and let the server see a client that does not keep up.
/// </summary>
internal sealed class RawHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly SocketsHttpHandler _handler;
    private readonly HttpMessageInvoker _invoker;

    private RawHubSocket()
    {
        _socket.Options.CollectHttpResponseDetails = true;
        _handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        _invoker = new HttpMessageInvoker(_handler);
    }

    public WebSocket Socket => _socket;

    /// <summary>Connects to /ws/hub; on refusal the status and headers are in <see cref="ClientWebSocket.HttpStatusCode"/>.</summary>
    public static async Task<(RawHubSocket Socket, WebSocketException? Refusal)> TryConnectAsync(Uri server, string token)
    {
        var raw = new RawHubSocket();
        var uri = new UriBuilder(server) { Scheme = "ws", Path = "/ws/hub", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        try
        {
            await raw._socket.ConnectAsync(uri, raw._invoker, CancellationToken.None);
        }
        catch (WebSocketException refused)
        {
            return (raw, refused);
        }

        await raw.SendAsync("""{"protocol":"json","version":1}""");
        await raw.ReadUntilAsync(message => message == "{}");
        return (raw, null);
    }

    /// <summary>
    /// Opens the WebSocket to /ws/hub without a handshake; with <paramref name="negotiate"/>, after SignalR's negotiation
    /// (its connection id in the URL), otherwise skipping it as the lean path expects.
    /// </summary>
    public static async Task<RawHubSocket> OpenAsync(Uri server, string token, bool negotiate)
    {
        var raw = new RawHubSocket();
        var uri = await HubSocketAddress.ForAsync(new Uri(server, "/ws/hub"), token, raw._invoker, negotiate, CancellationToken.None);
        await raw._socket.ConnectAsync(uri, raw._invoker, CancellationToken.None);
        return raw;
    }

    public int StatusCode => (int)_socket.HttpStatusCode;

    public IReadOnlyDictionary<string, IEnumerable<string>>? ResponseHeaders => _socket.HttpResponseHeaders;

    public async Task InvokeAsync(string target, string argument)
    {
        var id = Guid.NewGuid().ToString("N");
        await SendAsync($$"""{"type":1,"invocationId":"{{id}}","target":"{{target}}","arguments":["{{argument}}"]}""");
        var completion = await ReadUntilAsync(message => message.Contains("\"type\":3", StringComparison.Ordinal) && message.Contains(id, StringComparison.Ordinal));
        if (completion.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(completion);
        }
    }

    /// <summary>Reads everything left until the server closes the socket; counts the location events among it.</summary>
    public async Task<(int Locations, bool ClosedByServer)> DrainAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var text = new StringBuilder();
        var buffer = new byte[64 * 1024];
        var locations = 0;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, cancel.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (locations, true);
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                locations += CountAndTrim(text);
            }
        }
        catch (WebSocketException)
        {
            return (locations, true);
        }
        catch (OperationCanceledException)
        {
            return (locations, false);
        }
    }

    private static int CountAndTrim(StringBuilder text)
    {
        var content = text.ToString();
        var last = content.LastIndexOf(RecordSeparator);
        if (last < 0)
        {
            return 0;
        }

        text.Remove(0, last + 1);
        return content[..last].Split(RecordSeparator).Count(m => m.Contains("\"target\":\"location\"", StringComparison.Ordinal));
    }

    /// <summary>Sends one record (the separator is added).</summary>
    public Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The first record the server sends that <paramref name="wanted"/> accepts (pings and the rest are skipped).</summary>
    public async Task<string> ReadUntilAsync(Func<string, bool> wanted)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var pending = new StringBuilder();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancel.Token);
            pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            var content = pending.ToString();
            var last = content.LastIndexOf(RecordSeparator);
            if (last < 0)
            {
                continue;
            }

            pending.Remove(0, last + 1);
            if (content[..last].Split(RecordSeparator).FirstOrDefault(wanted) is { } found)
            {
                return found;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
        _handler.Dispose();
        await Task.CompletedTask;
    }
}
