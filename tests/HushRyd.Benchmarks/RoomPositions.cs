using System.Text.Json;

namespace HushRyd.Benchmarks;

/// <summary>
/// The position schedule both sides get: ticks of 100 ms, each sending the next trips in turn so that every trip gets one
/// every rooms / rate seconds, stamped with the time it left (the latency the clients measure starts there).
/// </summary>
internal static class RoomPositions
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public static int PerTick(int perSecond) => Math.Max((int)(perSecond * Tick.TotalSeconds), 1);

    public static string Payload(string tripId) =>
        JsonSerializer.Serialize(new { tripId, lat = 12.9, lng = 77.5, speed = 40.0, heading = 90.0, timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), driverId = "load" });

    /// <summary>Calls <paramref name="send"/> on the schedule for <paramref name="duration"/>; returns how many it sent.</summary>
    public static async Task<long> RunAsync(string[] tripIds, int perSecond, TimeSpan duration, Action<string> send)
    {
        var ticks = (int)(duration / Tick);
        var perTick = PerTick(perSecond);
        var next = 0;
        long sent = 0;
        using var timer = new PeriodicTimer(Tick);
        for (var tick = 0; tick < ticks; tick++)
        {
            await timer.WaitForNextTickAsync();
            for (var i = 0; i < perTick; i++)
            {
                send(tripIds[next++ % tripIds.Length]);
                sent++;
            }
        }

        return sent;
    }
}
