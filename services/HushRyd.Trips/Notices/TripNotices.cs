using System.Globalization;
using System.Security.Claims;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Notifications;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Sharing;
using HushRyd.Trips.Trips;
using HushRyd.Trips.TrustedContacts;
using Microsoft.Extensions.Logging;

namespace HushRyd.Trips.Notices;

/// <summary>
/// The messages trips send, through the notification queues: a booking's confirmation to its passenger, a share link
/// to the sharer's trusted contacts. Sent after the booking or link is committed and never at its expense: a queue that
/// refuses is logged, and the booking or link stands.
/// </summary>
public sealed class TripNotices(INotificationQueue queue, ITrustedContactRepository contacts, ILogger<TripNotices> logger)
{
    /// <summary>Queued for the passenger's phone, once per booking however often this is called.</summary>
    public async Task BookingConfirmedAsync(ClaimsPrincipal passenger, Trip trip, Booking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passenger);
        ArgumentNullException.ThrowIfNull(trip);
        ArgumentNullException.ThrowIfNull(booking);
        if (passenger.FindFirstValue(HushRydClaims.Phone) is not { } phone)
        {
            logger.LogWarning("Booking {BookingId} confirmed without a phone to tell", booking.Id);
            return;
        }

        var message = MessageTemplates.BookingConfirmed(phone, trip.Source.City, trip.Destination.City, trip.DepartureTime, booking.Seats);
        await TryQueueAsync(message, $"booking:{booking.Id}:confirmed", cancellationToken);
    }

    /// <summary>Queues the link for each of the sharer's trusted contacts; returns how many were queued.</summary>
    public async Task<int> ShareWithContactsAsync(ClaimsPrincipal sharer, string userId, Uri url, ShareLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sharer);
        ArgumentNullException.ThrowIfNull(link);
        var name = sharer.FindFirstValue(HushRydClaims.Phone) ?? "Your contact";
        var queued = 0;
        foreach (var contact in await contacts.GetAsync(userId, cancellationToken))
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"share:{link.TripId}:{link.CreatedAt.ToUnixTimeMilliseconds()}:{contact.Phone}");
            if (await TryQueueAsync(MessageTemplates.TripShared(contact.Phone, name, url), key, cancellationToken))
            {
                queued++;
            }
        }

        return queued;
    }

    private async Task<bool> TryQueueAsync(OutgoingMessage message, string dedupeKey, CancellationToken cancellationToken)
    {
        try
        {
            await queue.AddHighPriorityAsync(message, dedupeKey, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not queue {Channel} message {DedupeKey}", message.Channel, dedupeKey);
            return false;
        }
    }
}
