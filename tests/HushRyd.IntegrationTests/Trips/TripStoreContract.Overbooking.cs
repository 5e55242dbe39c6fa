using FsCheck;
using FsCheck.Fluent;
using HushRyd.Trips.Bookings;
using static HushRyd.IntegrationTests.Trips.TripSamples;

namespace HushRyd.IntegrationTests.Trips;

public abstract partial class TripStoreContract
{
    /// <summary>
    /// ADR 0005: for any trip of 1–8 seats and any set of concurrent booking requests of 1–4 seats, the accepted
    /// seats never exceed the offer, the trip's count is exactly what is left, and every accepted booking is stored.
    /// </summary>
    [SkippableFact]
    public async Task Concurrent_bookings_never_overbook_and_every_accepted_booking_is_stored()
    {
        await using var stores = await OpenAsync();
        var cases =
            (from seats in Gen.Choose(1, 8)
             from requests in Gen.ListOf(Gen.Choose(1, 4)).Where(list => list.Count is > 0 and <= 12)
             select (Seats: seats, Requests: requests.ToArray())).ToArbitrary();

        // Off xunit's synchronisation context: FsCheck waits on each case's task, and its continuations must not queue behind it.
        await Task.Run(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(40),
            Prop.ForAll(cases, c => NeverOverbooksAsync(stores, c.Seats, c.Requests))));
    }

    private static async Task<bool> NeverOverbooksAsync(TripStores stores, int seats, int[] requests)
    {
        var trip = Trip(seats: seats);
        await stores.Trips.InsertAsync(trip, None);

        var results = await Task.WhenAll(requests.Select((wanted, i) => stores.Bookings.BookAsync(Booking(trip, wanted, $"usr_{i}"), None)));

        var accepted = results.Where(r => r.Succeeded).Select(r => r.Booking!).ToArray();
        var taken = accepted.Sum(b => b.Seats);
        var stored = await stores.Trips.FindAsync(trip.Id, None);
        var listed = (await stores.Bookings.ListForTripAsync(trip.Id, null, None)).Select(b => b.Id).ToHashSet();
        var found = await Task.WhenAll(accepted.Select(b => stores.Bookings.FindAsync(b.Id, None)));
        return taken <= seats
            && stored!.SeatsAvailable == seats - taken
            && results.All(r => r.Succeeded || r.Refusal == BookingRefusal.NotEnoughSeats)
            && listed.SetEquals(accepted.Select(b => b.Id))
            && found.Zip(accepted).All(pair => pair.First == pair.Second);
    }
}
