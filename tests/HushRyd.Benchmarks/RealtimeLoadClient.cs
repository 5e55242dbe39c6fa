using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace HushRyd.Benchmarks;

/// <summary>
/// One .NET client process of the realtime load (a process holds at most ~19,000 sockets): opens its share of the plan's
/// connections from its own loopback address, each with its user's token, joins each to its trip, then counts the
/// positions that arrive and how late (see <see cref="LoadClientProcess"/> for the lines it speaks).
/// Usage: realtime-load-client plan.json first count source-address server-url[,server-url...]
/// </summary>
public static class RealtimeLoadClient
{
    private const int ConcurrentStarts = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var plan = JsonSerializer.Deserialize<RealtimeLoadPlan>(await File.ReadAllTextAsync(args[0]))!;
        var first = int.Parse(args[1], CultureInfo.InvariantCulture);
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var source = IPAddress.Parse(args[3]);
        var servers = args[4].Split(',');
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = (context, token) => ConnectFromAsync(source, context, token) });
        var counts = LatencyCounts.None;
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
                var connection = Connect(RealtimeLoadPlan.ServerOf(servers, index), plan.TokenOf(index), invoker);
                connection.On<JsonElement>("location", position =>
                    Volatile.Read(ref counts).Add(position.GetProperty("timestamp").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                await connection.StartAsync();
                await connection.InvokeAsync("JoinTrip", plan.TripOf(index));
                connections[i] = connection;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or HubException or WebSocketException or TimeoutException or OperationCanceledException)
            {
                if (Interlocked.Increment(ref failed) <= 3)
                {
                    await Console.Error.WriteLineAsync($"connection {first + i}: {ex.GetType().Name}: {ex.Message}");
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        var connectSeconds = started.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"READY {count - failed}"));
        while (Console.ReadLine() is { } line && line != "STOP")
        {
            if (line.StartsWith("MEASURE ", StringComparison.Ordinal))
            {
                Volatile.Write(ref counts, new LatencyCounts(long.Parse(line[8..], CultureInfo.InvariantCulture)));
            }
            else if (line == "REPORT")
            {
                var now = Volatile.Read(ref counts);
                Console.WriteLine("REPORT " + JsonSerializer.Serialize(new RealtimeLoadReport(count - failed, failed, connectSeconds, now.Received, now.Snapshot), JsonSerializerOptions.Web));
            }
        }

        await Task.WhenAll(connections.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }

    /// <summary>WebSockets only, without negotiation, from this process's source address (one handler shared by all).</summary>
    private static HubConnection Connect(string server, string token, HttpMessageInvoker invoker) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(server), "/ws/hub"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new ClientWebSocket();
                    var uri = new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
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
