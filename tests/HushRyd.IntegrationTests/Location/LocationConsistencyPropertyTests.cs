using FsCheck;
using FsCheck.Fluent;
using HushRyd.IntegrationTests.RateLimiting;
using HushRyd.Location.Positions;
using HushRyd.Testing;

namespace HushRyd.IntegrationTests.Location;

/// <summary>
/// Seed Property 1 against a real server: for any interleaving of concurrent updates from several tasks on two
/// instances, every acknowledged update is readable right after its acknowledgement unless a newer fix replaced it,
/// and what stays stored is the newest acknowledged fix of each trip.
/// </summary>
public sealed class LocationConsistencyPropertyTests(RedisServers servers) : IClassFixture<RedisServers>
{
    private const int Tasks = 4;

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Acknowledged_updates_are_readable_at_once_and_the_newest_stays_stored(RedisBackend backend)
    {
        var redis = await servers.GetAsync(backend);
        var (first, one) = await LocationRedis.InstanceAsync(redis);
        var (second, two) = await LocationRedis.InstanceAsync(redis);
        using (one)
        using (two)
        {
            RedisPositions[] instances = [first, second];
            await Task.Run(() => Check.One(
                Config.QuickThrowOnFailure.WithMaxTest(40),
                Prop.ForAll(Schedules(), schedule => HoldsAsync(instances, schedule))));
        }
    }

    /// <summary>Updates for 1–3 trips with distinct timestamps per trip (ties have no "newer"), dealt to the tasks in random order.</summary>
    private static Arbitrary<Schedule> Schedules() =>
        (from trips in Gen.Choose(1, 3)
         from count in Gen.Choose(1, 40)
         from items in Gen.ListOf(
             from trip in Gen.Choose(0, trips - 1)
             from lat in Gen.Choose(-90_000, 90_000)
             from lng in Gen.Choose(-180_000, 180_000)
             from task in Gen.Choose(0, Tasks - 1)
             select (trip, lat / 1000.0, lng / 1000.0, task), count)
         from timestamps in Gen.Shuffle(Enumerable.Range(1, count))
         select new Schedule(trips, [.. items.Select((item, i) => new Planned(item.trip, item.Item2, item.Item3, timestamps[i], item.task))])).ToArbitrary();

    private static async Task<bool> HoldsAsync(RedisPositions[] instances, Schedule schedule)
    {
        var trips = Enumerable.Range(0, schedule.Trips).Select(_ => LocationRedis.FreshTrip()).ToArray();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<PositionUpdate>();
        var violations = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(task => Task.Run(async () =>
        {
            var instance = instances[task % instances.Length];
            foreach (var planned in schedule.Items.Where(p => p.Task == task))
            {
                var update = LocationRedis.Update(trips[planned.Trip], planned.Timestamp, planned.Lat, planned.Lng);
                var outcome = await instance.WriteAsync(update);
                acknowledged.Add(update);
                var read = await instance.ReadAsync(update.TripId);
                var readable = outcome == WriteOutcome.Stored
                    ? read is not null && (read == update || read.Timestamp > update.Timestamp)
                    : read is not null && read.Timestamp > update.Timestamp;
                if (!readable)
                {
                    violations.Add($"{outcome} {update} then read {read}");
                }
            }
        })));

        foreach (var trip in trips)
        {
            var newest = acknowledged.Where(u => u.TripId == trip).MaxBy(u => u.Timestamp);
            var stored = await instances[0].ReadAsync(trip);
            if (stored != newest)
            {
                violations.Add($"stored {stored}, newest acknowledged {newest}");
            }
        }

        return violations.IsEmpty ? true : throw new InvalidOperationException(string.Join("; ", violations));
    }

    public sealed record Planned(int Trip, double Lat, double Lng, int Timestamp, int Task);

    public sealed record Schedule(int Trips, IReadOnlyList<Planned> Items);
}
