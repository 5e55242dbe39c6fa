using System.Security.Claims;
using HushRyd.Platform.Identity;
using HushRyd.Platform.State;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Participants;
using HushRyd.Trips.Trips;
using Microsoft.Extensions.Options;

namespace HushRyd.Trips.Sharing;

/// <summary>
/// Issues share links and resolves them. A link is valid while its state entry lives (TTL up to
/// <see cref="ShareOptions.LinkLifetime"/> after departure) and its trip has not ended; the trip's status is
/// read on every resolve, so completing or cancelling the trip kills every link at once.
/// </summary>
public sealed class ShareLinkService(
    IStateStore state,
    ITripRepository trips,
    IBookingRepository bookings,
    IOptions<ShareOptions> options,
    TimeProvider time)
{
    public Task<ShareCreation> CreateAsync(string tripId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return CreateAsync(tripId, user.UserId(), user.IsAdmin(), cancellationToken);
    }

    /// <summary>A link issued on behalf of <paramref name="userId"/> (an SOS sends one to the raiser's trusted contacts).</summary>
    public async Task<ShareCreation> CreateAsync(string tripId, string? userId, bool isAdmin, CancellationToken cancellationToken)
    {
        var trip = await trips.FindAsync(tripId, cancellationToken);
        if (trip is null)
        {
            return ShareCreation.Refused(ShareRefusal.TripNotFound);
        }

        // Checked before the status, so strangers learn nothing about a trip they may not follow.
        if (userId is null || !await TripInsiders.IncludeAsync(bookings, trip, userId, isAdmin, cancellationToken))
        {
            return ShareCreation.Refused(ShareRefusal.NotAllowed);
        }

        if (TripLifecycle.HasEnded(trip.Status))
        {
            return ShareCreation.Refused(ShareRefusal.TripEnded);
        }

        var now = time.GetUtcNow();
        var expiresAt = (trip.DepartureTime > now ? trip.DepartureTime : now) + options.Value.LinkLifetime;
        var token = ShareToken.New();
        var link = new ShareLink(trip.Id, userId, now, expiresAt);
        if (!await state.TryAddAsync(ShareToken.StateKey(token), link, expiresAt - now, cancellationToken))
        {
            throw new InvalidOperationException("A fresh 256-bit share token collided with a live one; the random source is broken.");
        }

        return ShareCreation.Created(token, link);
    }

    /// <summary>The trip a token shows, or null when the link is malformed, unknown, expired or its trip has ended.</summary>
    public async Task<Trip?> ResolveAsync(string? token, CancellationToken cancellationToken)
    {
        if (!ShareToken.IsWellFormed(token))
        {
            return null;
        }

        var entry = await state.GetAsync<ShareLink>(ShareToken.StateKey(token!), cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var trip = await trips.FindAsync(entry.Value.TripId, cancellationToken);
        return trip is null || TripLifecycle.HasEnded(trip.Status) ? null : trip;
    }
}
