using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using HushRyd.Platform.Connections;
using HushRyd.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.IntegrationTests.Connections;

/// <summary>
/// A request that upgrades takes its connection's transport over from Kestrel: the socket goes on with the new owner,
/// Kestrel's HTTP state for it can be collected, and the rest of the server's HTTP is untouched. Real Kestrel, real sockets.
/// </summary>
public sealed class TransportHandoverTests : IAsyncLifetime
{
    private readonly string _address = $"http://127.0.0.1:{FreePort.Next()}";
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _app = null!;
    private WeakReference? _httpState;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_address);
        builder.Services.AddTransportHandover();
        _app = builder.Build();
        _app.MapGet("/plain", () => "plain");
        _app.MapGet("/echo", TakeOverAsync);
        await _app.StartAsync();
    }

    [Fact]
    public async Task A_request_that_takes_its_connection_over_keeps_the_socket_lets_http_go_and_is_told_when_the_socket_ends()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(new Uri(_address).Host, new Uri(_address).Port);
        var stream = client.GetStream();
        await WriteAsync(stream, "GET /echo HTTP/1.1\r\nHost: test\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n");
        var head = await ReadUntilAsync(stream, "\r\n\r\n");
        await WriteAsync(stream, "first\n");
        var first = await ReadUntilAsync(stream, "\n");
        var httpStateCollected = await Eventually.HoldsAsync(() => Task.FromResult(HttpStateCollected()), TimeSpan.FromSeconds(5));
        await WriteAsync(stream, "second\n");
        var second = await ReadUntilAsync(stream, "\n");
        using var http = new HttpClient { BaseAddress = new Uri(_address) };
        var plain = await http.GetStringAsync(new Uri("/plain", UriKind.Relative));
        client.Client.Shutdown(SocketShutdown.Send);
        var released = await Task.WhenAny(_released.Task, Task.Delay(TimeSpan.FromSeconds(5))) == _released.Task;

        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        Assert.Equal(("first\n", "second\n"), (first, second));
        Assert.True(httpStateCollected, "Kestrel's state for the request was collected while the socket went on");
        Assert.Equal("plain", plain);
        Assert.True(released, "the release callback ran when the taken-over socket ended");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task TakeOverAsync(HttpContext context)
    {
        var handover = context.Features.Get<ITransportHandoverFeature>()!;
        await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();
        Remember(context);
        handover.TakeOver(EchoAsync);
        handover.OnReleased(_released.SetResult);
    }

    // Kestrel's request features are its per-connection HTTP state; kept weakly, in a frame of its own so no local holds them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Remember(HttpContext context) => _httpState = new WeakReference(context.Features);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool HttpStateCollected()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return _httpState is { IsAlive: false };
    }

    private static async Task EchoAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync();
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, buffer.GetPosition(1, end));
                await connection.Transport.Output.WriteAsync(line.ToArray());
                buffer = buffer.Slice(line.End);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    private static async Task<string> ReadUntilAsync(NetworkStream stream, string end)
    {
        var read = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!read.ToString().EndsWith(end, StringComparison.Ordinal) && await stream.ReadAsync(one, timeout.Token) == 1)
        {
            read.Append((char)one[0]);
        }

        return read.ToString();
    }
}
