using HushRyd.Trips.Bookings;
using HushRyd.Trips.Trips;
using static HushRyd.IntegrationTests.Trips.TripSamples;

namespace HushRyd.IntegrationTests.Trips;

public abstract partial class TripStoreContract
{
    [SkippableFact]
    public async Task A_booking_takes_its_seats_and_is_stored()
    {
        await using var stores = await OpenAsync();
        var trip = Trip(seats: 4);
        await stores.Trips.InsertAsync(trip, None);
        var booking = Booking(trip, seats: 3);

        var result = await stores.Bookings.BookAsync(booking, None);

        Assert.True(result.Succeeded);
        Assert.Equal(booking, result.Booking);
        Assert.Equal(1, result.Trip!.SeatsAvailable);
        Assert.Equal(1, (await stores.Trips.FindAsync(trip.Id, None))!.SeatsAvailable);
        Assert.Equal(booking, await stores.Bookings.FindAsync(booking.Id, None));
    }

    [SkippableFact]
    public async Task A_booking_is_refused_with_its_reason_and_takes_nothing()
    {
        await using var stores = await OpenAsync();
        var open = Trip(seats: 2);
        var started = Trip(seats: 2);
        await stores.Trips.InsertAsync(open, None);
        await stores.Trips.InsertAsync(started, None);
        await stores.Trips.TryTransitionAsync(started.Id, TripTransition.Start, Now, None);

        var missing = await stores.Bookings.BookAsync(Booking(Trip()), None);
        var notOpen = await stores.Bookings.BookAsync(Booking(started), None);
        var tooMany = await stores.Bookings.BookAsync(Booking(open, seats: 3), None);

        Assert.Equal(BookingRefusal.TripNotFound, missing.Refusal);
        Assert.Equal(BookingRefusal.TripNotOpen, notOpen.Refusal);
        Assert.Equal(BookingRefusal.NotEnoughSeats, tooMany.Refusal);
        Assert.Equal(2, tooMany.Trip!.SeatsAvailable);
        Assert.Equal(2, (await stores.Trips.FindAsync(started.Id, None))!.SeatsAvailable);
        Assert.Empty(await stores.Bookings.ListForTripAsync(open.Id, null, None));
        Assert.Empty(await stores.Bookings.ListForTripAsync(started.Id, null, None));
    }

    [SkippableFact]
    public async Task Cancelling_a_booking_gives_its_seats_back_exactly_once()
    {
        await using var stores = await OpenAsync();
        var trip = Trip(seats: 4);
        await stores.Trips.InsertAsync(trip, None);
        var booking = Booking(trip, seats: 2);
        await stores.Bookings.BookAsync(booking, None);

        var results = await Task.WhenAll(
            stores.Bookings.CancelAsync(booking.Id, Now.AddMinutes(1), None),
            stores.Bookings.CancelAsync(booking.Id, Now.AddMinutes(1), None));
        var again = await stores.Bookings.CancelAsync(booking.Id, Now.AddMinutes(2), None);

        var done = Assert.Single(results, r => r.Succeeded);
        Assert.Equal(booking with { Status = BookingStatus.Cancelled, CancelledAt = Now.AddMinutes(1) }, done.Booking);
        Assert.Equal(4, done.Trip!.SeatsAvailable);
        Assert.Equal(BookingRefusal.AlreadyCancelled, Assert.Single(results, r => !r.Succeeded).Refusal);
        Assert.Equal(BookingRefusal.AlreadyCancelled, again.Refusal);
        Assert.Equal(4, (await stores.Trips.FindAsync(trip.Id, None))!.SeatsAvailable);
        Assert.Equal(BookingRefusal.BookingNotFound, (await stores.Bookings.CancelAsync("bkg_missing", Now, None)).Refusal);
    }

    [SkippableFact]
    public async Task A_booking_of_a_trip_that_has_started_can_no_longer_be_cancelled()
    {
        await using var stores = await OpenAsync();
        var trip = Trip(seats: 4);
        await stores.Trips.InsertAsync(trip, None);
        var booking = Booking(trip, seats: 2);
        await stores.Bookings.BookAsync(booking, None);
        await stores.Trips.TryTransitionAsync(trip.Id, TripTransition.Start, Now, None);

        var result = await stores.Bookings.CancelAsync(booking.Id, Now.AddMinutes(1), None);

        Assert.Equal(BookingRefusal.TripNotOpen, result.Refusal);
        Assert.Equal(booking, await stores.Bookings.FindAsync(booking.Id, None));
        Assert.Equal(2, (await stores.Trips.FindAsync(trip.Id, None))!.SeatsAvailable);
    }

    [SkippableFact]
    public async Task A_passenger_sees_their_bookings_newest_first_filtered_by_status_and_limited()
    {
        await using var stores = await OpenAsync();
        var trip = Trip(seats: 8);
        await stores.Trips.InsertAsync(trip, None);
        var bookings = Enumerable.Range(0, 4).Select(i => Booking(trip, at: Now.AddMinutes(i))).ToArray();
        foreach (var booking in bookings)
        {
            await stores.Bookings.BookAsync(booking, None);
        }

        await stores.Bookings.BookAsync(Booking(trip, passenger: "usr_someone_else"), None);
        await stores.Bookings.CancelAsync(bookings[1].Id, Now.AddHours(1), None);

        var all = await stores.Bookings.ListForPassengerAsync("usr_passenger", null, 10, None);
        var confirmed = await stores.Bookings.ListForPassengerAsync("usr_passenger", BookingStatus.Confirmed, 10, None);
        var newestTwo = await stores.Bookings.ListForPassengerAsync("usr_passenger", null, 2, None);

        Assert.Equal([bookings[3].Id, bookings[2].Id, bookings[1].Id, bookings[0].Id], all.Select(b => b.Id));
        Assert.Equal([bookings[3].Id, bookings[2].Id, bookings[0].Id], confirmed.Select(b => b.Id));
        Assert.Equal([bookings[3].Id, bookings[2].Id], newestTwo.Select(b => b.Id));
    }

    [SkippableFact]
    public async Task A_trip_lists_its_bookings_oldest_first_filtered_by_status()
    {
        await using var stores = await OpenAsync();
        var trip = Trip(seats: 8);
        var other = Trip(seats: 8);
        await stores.Trips.InsertAsync(trip, None);
        await stores.Trips.InsertAsync(other, None);
        var bookings = Enumerable.Range(0, 3).Select(i => Booking(trip, passenger: $"usr_{i}", at: Now.AddMinutes(3 - i))).ToArray();
        foreach (var booking in bookings)
        {
            await stores.Bookings.BookAsync(booking, None);
        }

        await stores.Bookings.BookAsync(Booking(other), None);
        await stores.Bookings.CancelAsync(bookings[0].Id, Now.AddHours(1), None);

        Assert.Equal([bookings[2].Id, bookings[1].Id, bookings[0].Id], (await stores.Bookings.ListForTripAsync(trip.Id, null, None)).Select(b => b.Id));
        Assert.Equal([bookings[0].Id], (await stores.Bookings.ListForTripAsync(trip.Id, BookingStatus.Cancelled, None)).Select(b => b.Id));
    }
}
