using HushRyd.Trips.Bookings;
using HushRyd.Trips.Trips;
using static HushRyd.IntegrationTests.Trips.TripSamples;

namespace HushRyd.IntegrationTests.Trips;

public abstract partial class TripStoreContract
{
    [SkippableFact]
    public async Task Of_two_racing_starts_exactly_one_succeeds_and_records_when()
    {
        await using var stores = await OpenAsync();
        var trip = Trip();
        await stores.Trips.InsertAsync(trip, None);
        var at = Now.AddHours(2).AddMilliseconds(250);

        var results = await Task.WhenAll(
            stores.Trips.TryTransitionAsync(trip.Id, TripTransition.Start, at, None),
            stores.Trips.TryTransitionAsync(trip.Id, TripTransition.Start, at, None));

        var started = Assert.Single(results, r => r is not null)!;
        Assert.Equal(trip with { Status = TripStatus.Started, StartedAt = at }, started);
        Assert.Equal(started, await stores.Trips.FindAsync(trip.Id, None));
    }

    [SkippableFact]
    public async Task Completing_a_started_trip_records_its_end()
    {
        await using var stores = await OpenAsync();
        var trip = Trip();
        await stores.Trips.InsertAsync(trip, None);
        await stores.Trips.TryTransitionAsync(trip.Id, TripTransition.Start, Now.AddHours(2), None);

        var completed = await stores.Trips.TryTransitionAsync(trip.Id, TripTransition.Complete, Now.AddHours(5), None);

        Assert.Equal(trip with { Status = TripStatus.Completed, StartedAt = Now.AddHours(2), EndedAt = Now.AddHours(5) }, completed);
    }

    [SkippableFact]
    public async Task Illegal_transitions_and_missing_trips_are_refused_and_change_nothing()
    {
        await using var stores = await OpenAsync();
        var scheduled = Trip();
        var cancelled = Trip();
        await stores.Trips.InsertAsync(scheduled, None);
        await stores.Trips.InsertAsync(cancelled, None);
        var cancelledRecord = await stores.Trips.TryTransitionAsync(cancelled.Id, TripTransition.Cancel, Now, None);

        Assert.Null(await stores.Trips.TryTransitionAsync(scheduled.Id, TripTransition.Complete, Now, None));
        Assert.Null(await stores.Trips.TryTransitionAsync(cancelled.Id, TripTransition.Start, Now, None));
        Assert.Null(await stores.Trips.TryTransitionAsync(cancelled.Id, TripTransition.Cancel, Now.AddMinutes(1), None));
        Assert.Null(await stores.Trips.TryTransitionAsync("trp_missing", TripTransition.Start, Now, None));
        Assert.Equal(scheduled, await stores.Trips.FindAsync(scheduled.Id, None));
        Assert.Equal(cancelledRecord, await stores.Trips.FindAsync(cancelled.Id, None));
    }

    [SkippableFact]
    public async Task Cancelling_a_trip_cancels_its_confirmed_bookings_and_leaves_earlier_cancellations_as_they_were()
    {
        await using var stores = await OpenAsync();
        var trip = Trip();
        var other = Trip();
        await stores.Trips.InsertAsync(trip, None);
        await stores.Trips.InsertAsync(other, None);
        var kept = Booking(trip, passenger: "usr_a");
        var withdrawn = Booking(trip, passenger: "usr_b");
        var elsewhere = Booking(other, passenger: "usr_a");
        foreach (var booking in new[] { kept, withdrawn, elsewhere })
        {
            await stores.Bookings.BookAsync(booking, None);
        }

        await stores.Bookings.CancelAsync(withdrawn.Id, Now.AddMinutes(5), None);

        var cancelled = await stores.Trips.TryTransitionAsync(trip.Id, TripTransition.Cancel, Now.AddMinutes(10), None);

        Assert.Equal(TripStatus.Cancelled, cancelled!.Status);
        Assert.Equal(Now.AddMinutes(10), cancelled.EndedAt);
        Assert.Equal(kept with { Status = BookingStatus.Cancelled, CancelledAt = Now.AddMinutes(10) }, await stores.Bookings.FindAsync(kept.Id, None));
        Assert.Equal(withdrawn with { Status = BookingStatus.Cancelled, CancelledAt = Now.AddMinutes(5) }, await stores.Bookings.FindAsync(withdrawn.Id, None));
        Assert.Equal(elsewhere, await stores.Bookings.FindAsync(elsewhere.Id, None));
    }
}
