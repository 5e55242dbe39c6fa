using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Platform.Identity;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// What both sides of the realtime load share: one redis-server, the signed-in users (a driver, eight passengers and an
/// admin per room; each admin follows ten trips) and their trips, published and booked through HushRyd's own API.
/// </summary>
internal sealed class RealtimeLoadSetup : IAsyncDisposable
{
    private const int Passengers = RealtimeLoadPlan.RoomSize - 2;
    private const int TripsPerAdmin = 10;
    private const int ConcurrentRequests = 64;

    private readonly TempDirectory _data = new();

    private RealtimeLoadSetup(TestRedis redis, LoadPrincipals principals)
    {
        Redis = redis;
        Principals = principals;
    }

    private TestRedis Redis { get; }

    private LoadPrincipals Principals { get; }

    private string DataDirectory => _data.Path;

    private string PlanFile => Path.Combine(_data.Path, "realtime-load-plan.json");

    /// <summary>
    /// Starts HushRyd's servers, prepares the plan through them and hands them to <paramref name="measure"/>; then does the same
    /// with socket.io's servers (on the same plan). One side's servers are gone before the other's start.
    /// </summary>
    public static async Task<(RealtimeLoadPlan Plan, List<T> Sides)> RunBothSidesAsync<T>(int serverCount, int rooms, Func<IRealtimeStack, RealtimeLoadPlan, string, Task<T>> measure)
    {
        await using var setup = new RealtimeLoadSetup(await TestRedis.StartAsync(RedisBackend.RedisServer), await LoadPrincipals.CreateAsync());
        var sides = new List<T>();
        RealtimeLoadPlan plan;
        await using (var hushryd = await HushRydRealtimeStack.StartAsync(setup.DataDirectory, setup.Redis, setup.Principals, serverCount))
        {
            plan = await setup.PrepareAsync(hushryd.Servers, rooms);
            sides.Add(await measure(hushryd, plan, setup.PlanFile));
        }

        await using (var socketIo = await SocketIoRealtimeStack.StartAsync(setup.Redis, setup.Principals, serverCount))
        {
            sides.Add(await measure(socketIo, plan, setup.PlanFile));
        }

        return (plan, sides);
    }

    /// <summary>HushRyd's side alone: its servers started and the plan prepared through them, handed to <paramref name="measure"/>.</summary>
    public static async Task<T> RunHushRydAsync<T>(int serverCount, int rooms, Func<HushRydRealtimeStack, RealtimeLoadPlan, string, Task<T>> measure)
    {
        await using var setup = new RealtimeLoadSetup(await TestRedis.StartAsync(RedisBackend.RedisServer), await LoadPrincipals.CreateAsync());
        await using var hushryd = await HushRydRealtimeStack.StartAsync(setup.DataDirectory, setup.Redis, setup.Principals, serverCount);
        var plan = await setup.PrepareAsync(hushryd.Servers, rooms);
        return await measure(hushryd, plan, setup.PlanFile);
    }

    /// <summary>Signs in every member, publishes a trip per room and books its seats, spread over the servers; writes the plan file.</summary>
    private async Task<RealtimeLoadPlan> PrepareAsync(IReadOnlyList<string> servers, int rooms)
    {
        var redis = Redis.Multiplexer.GetDatabase();
        var drivers = await Principals.SignInAsync(redis, "71", rooms, Roles.Passenger, Roles.Driver);
        var passengers = await Principals.SignInAsync(redis, "72", rooms * Passengers, Roles.Passenger);
        var admins = await Principals.SignInAsync(redis, "73", (rooms + TripsPerAdmin - 1) / TripsPerAdmin, Roles.Admin);
        var clients = servers.Select(s => new HttpClient { BaseAddress = new Uri(s), Timeout = TimeSpan.FromMinutes(2) }).ToList();
        var trips = new string[rooms];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, rooms), new ParallelOptions { MaxDegreeOfParallelism = ConcurrentRequests }, async (room, cancellationToken) =>
            {
                var api = clients[room % clients.Count];
                trips[room] = await PublishTripAsync(api, drivers[room], cancellationToken);
                for (var seat = 0; seat < Passengers; seat++)
                {
                    await BookAsync(api, passengers[(room * Passengers) + seat], trips[room], cancellationToken);
                }
            });
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        var tokens = Enumerable.Range(0, rooms).SelectMany(room => (string[])[drivers[room], .. passengers.AsSpan(room * Passengers, Passengers), admins[room / TripsPerAdmin]]);
        var plan = new RealtimeLoadPlan(trips, [.. tokens]);
        await File.WriteAllTextAsync(PlanFile, JsonSerializer.Serialize(plan));
        return plan;
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        _data.Dispose();
    }

    private static async Task<string> PublishTripAsync(HttpClient api, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/trips", UriKind.Relative))
        {
            Content = JsonContent.Create(new
            {
                source = new { city = "Bengaluru", lat = 12.9716, lng = 77.5946 },
                destination = new { city = "Mysuru", lat = 12.2958, lng = 76.6394 },
                departureTime = DateTimeOffset.UtcNow.AddHours(2),
                seats = Passengers,
                fare = 450,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var published = await api.SendAsync(request, cancellationToken);
        return (await HttpJson.ReadAsync(published.EnsureSuccessStatusCode())).GetProperty("id").GetString()!;
    }

    private static async Task BookAsync(HttpClient api, string token, string tripId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/trips/{tripId}/bookings", UriKind.Relative)) { Content = JsonContent.Create(new { seats = 1 }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var booked = await api.SendAsync(request, cancellationToken);
        booked.EnsureSuccessStatusCode();
    }
}
