using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace HushRyd.Benchmarks;

/// <summary>
/// One client process of the realtime load (a process holds at most ~19,000 sockets): opens its share of the plan's
/// connections from its own loopback address, joins each to its trip, then counts the positions that arrive and how late.
/// Prints READY when connected; on "STOP" from standard input prints its report as JSON and exits.
/// Usage: realtime-load-client plan.json first count source-address measure-from-unix-ms
/// </summary>
public static class RealtimeLoadClient
{
    private const int Buckets = 10_000;
    private const int ConcurrentStarts = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var plan = JsonSerializer.Deserialize<RealtimeLoadPlan>(await File.ReadAllTextAsync(args[0]))!;
        var first = int.Parse(args[1], CultureInfo.InvariantCulture);
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var source = IPAddress.Parse(args[3]);
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = (context, token) => ConnectFromAsync(source, context, token) });
        var buckets = new long[Buckets];
        long received = 0;
        long measureFrom = long.MaxValue;
        var connections = new HubConnection[count];
        var failed = 0;
        var started = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(ConcurrentStarts);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var index = first + i;
                var connection = Connect(plan, index, invoker);
                connection.On<JsonElement>("location", position =>
                {
                    var sent = position.GetProperty("timestamp").GetInt64();
                    if (sent < Volatile.Read(ref measureFrom))
                    {
                        return;
                    }

                    var late = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sent;
                    Interlocked.Increment(ref buckets[Math.Clamp(late, 0, Buckets - 1)]);
                    Interlocked.Increment(ref received);
                });
                await connection.StartAsync();
                await connection.InvokeAsync("JoinTrip", plan.TripOf(index));
                connections[i] = connection;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or HubException or WebSocketException or TimeoutException or OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                gate.Release();
            }
        }));
        var connectSeconds = started.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"READY {count - failed}"));
        while (Console.ReadLine() is { } line)
        {
            if (line.StartsWith("MEASURE ", StringComparison.Ordinal))
            {
                Volatile.Write(ref measureFrom, long.Parse(line[8..], CultureInfo.InvariantCulture));
            }
            else if (line == "STOP")
            {
                break;
            }
        }

        Console.WriteLine("REPORT " + JsonSerializer.Serialize(new RealtimeLoadReport(count - failed, failed, connectSeconds, Interlocked.Read(ref received), buckets)));
        foreach (var connection in connections.Where(c => c is not null))
        {
            await connection.DisposeAsync();
        }

        return 0;
    }

    /// <summary>WebSockets only, without negotiation, from this process's source address (one handler shared by all).</summary>
    private static HubConnection Connect(RealtimeLoadPlan plan, int index, HttpMessageInvoker invoker) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(plan.ServerOf(index)), "/ws/hub"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new ClientWebSocket();
                    var uri = new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(plan.TokenOf(index)) }.Uri;
                    await socket.ConnectAsync(uri, invoker, cancellationToken);
                    return socket;
                };
            })
            .Build();

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress source, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(source, 0));
        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
