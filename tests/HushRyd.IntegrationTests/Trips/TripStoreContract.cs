using HushRyd.Platform.Trips;
using HushRyd.Trips.Places;
using HushRyd.Trips.Trips;
using static HushRyd.IntegrationTests.Trips.TripSamples;

namespace HushRyd.IntegrationTests.Trips;

/// <summary>
/// What every trips store must do, written once (ADR 0004): SQLite runs it always, MongoDB where a server answers.
/// Each test gets a fresh database.
/// </summary>
public abstract partial class TripStoreContract
{
    protected abstract Task<TripStores> OpenAsync();

    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task A_trip_reads_back_field_for_field_including_decimals_null_addresses_and_lifecycle_times()
    {
        await using var stores = await OpenAsync();
        var plain = Trip() with { Fare = 1234.56m };
        var full = Trip(status: TripStatus.Completed) with
        {
            Vehicle = new TripVehicle("22 BH 1234 AA", "Tata Nexon EV", "Daytona grey"),
            SeatsAvailable = 1,
            Fare = 99.05m,
            Source = new Place("Pune", 18.5314, 73.8446, null),
            StartedAt = Now.AddHours(2).AddMilliseconds(7),
            EndedAt = Now.AddHours(5).AddMilliseconds(999),
        };

        await stores.Trips.InsertAsync(plain, None);
        await stores.Trips.InsertAsync(full, None);

        Assert.Equal(plain, await stores.Trips.FindAsync(plain.Id, None));
        Assert.Equal(full, await stores.Trips.FindAsync(full.Id, None));
        Assert.Null(await stores.Trips.FindAsync("trp_missing", None));
    }

    [SkippableFact]
    public async Task A_trips_vehicle_stays_with_it_through_its_transitions_and_in_search_and_near_results()
    {
        await using var stores = await OpenAsync();
        var vehicle = new TripVehicle("KA 01 AB 1234", "Maruti Suzuki Swift", "White");
        var trip = Trip() with { Vehicle = vehicle };
        await stores.Trips.InsertAsync(trip, None);

        var found = await stores.Trips.SearchAsync(new TripSearch("Pune", Now, Now.AddDays(1), TripStatus.Scheduled, 10), None);
        var near = await stores.Trips.FindNearAsync(new NearSearch(PuneLat, PuneLng, 5, TripStatus.Scheduled, Now, 0, 10), None);
        var started = await stores.Trips.TryTransitionAsync(trip.Id, TripTransition.Start, Now.AddHours(2), None);
        var completed = await stores.Trips.TryTransitionAsync(trip.Id, TripTransition.Complete, Now.AddHours(3), None);

        Assert.Equal(vehicle, Assert.Single(found.Items).Vehicle);
        Assert.Equal(vehicle, Assert.Single(near).Trip.Vehicle);
        Assert.Equal(vehicle, started?.Vehicle);
        Assert.Equal(vehicle, completed?.Vehicle);
        Assert.Equal(vehicle, (await stores.Trips.FindAsync(trip.Id, None))?.Vehicle);
    }

    [SkippableFact]
    public async Task Search_finds_scheduled_trips_of_the_city_departing_inside_the_half_open_window_in_departure_order()
    {
        await using var stores = await OpenAsync();
        var from = Now.AddHours(1);
        var to = Now.AddHours(5);
        var atFrom = Trip(from);
        var later = Trip(from.AddHours(2));
        var earlier = Trip(from.AddMinutes(30));
        Trip[] excluded =
        [
            Trip(to),
            Trip(from.AddMilliseconds(-1)),
            Trip(from.AddHours(1), city: "Mumbai"),
            Trip(from.AddHours(1), status: TripStatus.Started),
        ];
        foreach (var trip in excluded.Concat([later, atFrom, earlier]))
        {
            await stores.Trips.InsertAsync(trip, None);
        }

        var page = await stores.Trips.SearchAsync(new TripSearch("Pune", from, to, TripStatus.Scheduled, 10), None);

        Assert.Equal([atFrom.Id, earlier.Id, later.Id], page.Items.Select(t => t.Id));
        Assert.Null(page.Next);
    }

    [SkippableFact]
    public async Task Keyset_pages_visit_every_match_once_in_departure_then_id_order_even_when_trips_are_added_before_the_cursor()
    {
        await using var stores = await OpenAsync();
        var from = Now;
        var to = Now.AddDays(1);

        // Several trips share a departure time, so the id must break ties for paging to be exact.
        var trips = Enumerable.Range(0, 8).Select(i => Trip(from.AddHours(1 + (i / 3)), id: $"trp_{7 - i:00}")).ToList();
        foreach (var trip in trips)
        {
            await stores.Trips.InsertAsync(trip, None);
        }

        var seen = new List<string>();
        TripCursor? after = null;
        var pages = 0;
        do
        {
            var page = await stores.Trips.SearchAsync(new TripSearch("Pune", from, to, TripStatus.Scheduled, 3, after), None);
            seen.AddRange(page.Items.Select(t => t.Id));
            after = page.Next;
            pages++;
            if (pages == 1)
            {
                await stores.Trips.InsertAsync(Trip(from.AddMinutes(1), id: "trp_early"), None);
            }
        }
        while (after is not null);

        var expected = trips.OrderBy(t => t.DepartureTime).ThenBy(t => t.Id, StringComparer.Ordinal).Select(t => t.Id);
        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
    }

    [SkippableFact]
    public async Task Near_search_orders_by_distance_cuts_off_at_the_radius_and_pages_with_offset()
    {
        await using var stores = await OpenAsync();
        var oneKm = Trip(lat: NorthOfPune(1));
        var threeKm = Trip(lat: NorthOfPune(3));
        var fourAndAHalfKm = Trip(lat: NorthOfPune(4.5));
        Trip[] excluded =
        [
            Trip(lat: NorthOfPune(5.5)),
            Trip(lat: NorthOfPune(2), status: TripStatus.Cancelled),
            Trip(Now.AddMinutes(-1), lat: NorthOfPune(2)),
        ];
        foreach (var trip in excluded.Concat([fourAndAHalfKm, oneKm, threeKm]))
        {
            await stores.Trips.InsertAsync(trip, None);
        }

        var near = await stores.Trips.FindNearAsync(new NearSearch(PuneLat, PuneLng, 5, TripStatus.Scheduled, Now, 0, 10), None);
        var second = await stores.Trips.FindNearAsync(new NearSearch(PuneLat, PuneLng, 5, TripStatus.Scheduled, Now, 1, 1), None);

        Assert.Equal([oneKm.Id, threeKm.Id, fourAndAHalfKm.Id], near.Select(n => n.Trip.Id));
        Assert.Equal([1, 3, 4.5], near.Select(n => Math.Round(n.DistanceKm, 2)));
        Assert.Equal(oneKm, near[0].Trip);
        Assert.Equal(threeKm.Id, Assert.Single(second).Trip.Id);
    }
}
