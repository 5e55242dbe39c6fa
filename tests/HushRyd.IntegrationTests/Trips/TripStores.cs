using HushRyd.Trips.Bookings;
using HushRyd.Trips.Trips;
using HushRyd.Trips.TrustedContacts;

namespace HushRyd.IntegrationTests.Trips;

/// <summary>One store's three repositories over one fresh database, and how to let it go.</summary>
public sealed class TripStores(ITripRepository trips, IBookingRepository bookings, ITrustedContactRepository contacts, Func<ValueTask> release) : IAsyncDisposable
{
    public ITripRepository Trips { get; } = trips;

    public IBookingRepository Bookings { get; } = bookings;

    public ITrustedContactRepository Contacts { get; } = contacts;

    public ValueTask DisposeAsync() => release();
}
