using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;

namespace HushRyd.Benchmarks;

/// <summary>
/// One .NET client process of the realtime load (a process holds at most ~19,000 sockets): opens its share of the plan's
/// connections from its own loopback address, each with its user's token, joins each to its trip, then counts the
/// positions that arrive and how late (see <see cref="LoadClientProcess"/> for the lines it speaks). Each connection is a
/// <see cref="LightHubConnection"/>: WebSockets without negotiation and the JSON protocol, as HubConnection would use them.
/// Usage: realtime-load-client plan.json first count source-address server-url[,server-url...]
/// </summary>
public static class RealtimeLoadClient
{
    private const int ConcurrentStarts = 64;

    /// <summary>The server closes a connection it has heard nothing from for 30 s (SignalR's ClientTimeoutInterval).</summary>
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Set to 1, the clients negotiate first, which takes them to SignalR's own path instead of the lean one (ADR 0008).</summary>
    private const string NegotiateVariable = "HUSHRYD_LOAD_NEGOTIATE";

    /// <summary>Whether the clients started from this process negotiate (they inherit its environment).</summary>
    public static bool Negotiates => Environment.GetEnvironmentVariable(NegotiateVariable) == "1";

    public static async Task<int> RunAsync(string[] args)
    {
        var plan = JsonSerializer.Deserialize<RealtimeLoadPlan>(await File.ReadAllTextAsync(args[0]))!;
        var first = int.Parse(args[1], CultureInfo.InvariantCulture);
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var source = IPAddress.Parse(args[3]);
        var servers = args[4].Split(',');
        var negotiate = Negotiates;
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = (context, token) => ConnectFromAsync(source, context, token) });
        var counts = LatencyCounts.None;
        var connections = new LightHubConnection?[count];
        var readers = new Task?[count];
        using var stop = new CancellationTokenSource();
        var failed = 0;
        var started = Stopwatch.StartNew();

        // From the start: the first connections would otherwise be silent through the whole ramp, past the server's timeout.
        var pinging = PingAsync(connections, stop.Token);
        using var gate = new SemaphoreSlim(ConcurrentStarts);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var index = first + i;
                using var timeout = new CancellationTokenSource(StartTimeout);
                var connection = await LightHubConnection.ConnectAsync(
                    new Uri(new Uri(RealtimeLoadPlan.ServerOf(servers, index)), "/ws/hub"),
                    plan.TokenOf(index),
                    invoker,
                    sent => Volatile.Read(ref counts).Add(sent, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
                    negotiate,
                    timeout.Token);
                try
                {
                    await connection.InvokeAsync("JoinTrip", plan.TripOf(index), timeout.Token);
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }

                connections[i] = connection;
                readers[i] = connection.RunAsync(stop.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or WebSocketException or OperationCanceledException)
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

        await stop.CancelAsync();
        await pinging;
        await Task.WhenAll(connections.OfType<LightHubConnection>().Select(c => c.CloseAsync()));
        await Task.WhenAll(readers.OfType<Task>());
        foreach (var connection in connections.OfType<LightHubConnection>())
        {
            connection.Dispose();
        }

        return 0;
    }

    /// <summary>Each connection pings every <see cref="PingInterval"/>, a fifteenth of them each second so they do not come at once.</summary>
    private static async Task PingAsync(LightHubConnection?[] connections, CancellationToken stop)
    {
        var slices = (int)PingInterval.TotalSeconds;
        using var timer = new PeriodicTimer(PingInterval / slices);
        var slice = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var pings = new List<Task>();
                for (var i = slice; i < connections.Length; i += slices)
                {
                    if (connections[i] is { } connection)
                    {
                        pings.Add(connection.PingAsync());
                    }
                }

                slice = (slice + 1) % slices;
                try
                {
                    await Task.WhenAll(pings);
                }
                catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
                {
                    // A connection the server closed: its missing positions count as lost.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress source, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(source, 0));
        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
