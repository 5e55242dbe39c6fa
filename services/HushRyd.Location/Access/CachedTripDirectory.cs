using HushRyd.Platform.Trips;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HushRyd.Location.Access;

/// <summary>
/// Who drives and rides a trip, remembered for <see cref="LocationOptions.TripCacheDuration"/>: a driver reports every few
/// seconds, and asking Trips each time would cost more than the write. A trip that ends is refused positions within that time;
/// trips not under way, and unknown ones, are asked about every time.
/// </summary>
public sealed class CachedTripDirectory(ITripDirectory directory, IOptions<LocationOptions> options) : IDisposable
{
    private const int MaxTrips = 200_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxTrips });

    public async ValueTask<TripParticipants?> FindAsync(string tripId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(tripId, out TripParticipants? known))
        {
            return known;
        }

        // Only trips under way are remembered: they are the ones reporting every few seconds, and a driver whose report
        // raced the trip's start must not be refused until a cached "scheduled" expires.
        var participants = await directory.FindAsync(tripId, cancellationToken);
        if (participants?.Phase == TripPhase.Started)
        {
            _cache.Set(tripId, participants, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.TripCacheDuration });
        }

        return participants;
    }

    public Task<string?> ResolveShareTokenAsync(string token, CancellationToken cancellationToken) => directory.ResolveShareTokenAsync(token, cancellationToken);

    public void Dispose() => _cache.Dispose();
}
