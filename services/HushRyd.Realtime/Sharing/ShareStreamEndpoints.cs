using System.Net.ServerSentEvents;
using HushRyd.Platform.Http;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Trips;
using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace HushRyd.Realtime.Sharing;

/// <summary>
/// Live positions for the public share page as server-sent events: the share token is a read-only grant for its one
/// trip. Events: <c>ready</c> once the stream follows the trip, <c>location</c> per position, <c>ping</c> while quiet,
/// <c>ended</c> when the link stops standing (the trip ended). Where a network blocks streaming, the page polls instead.
/// </summary>
public static class ShareStreamEndpoints
{
    public const string Pattern = "/ws/share/{token}";

    /// <summary>Positions a share page may have waiting; more means it is not reading, and the stream is closed.</summary>
    private const int Capacity = 32;

    public static void MapShareStream(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Pattern, StreamAsync)
            .AllowAnonymous()
            .WithTags("Realtime")
            .WithSummary("Server-sent positions of the trip a share token shows");

    private static async Task<Results<ServerSentEventsResult<SharedPosition?>, ProblemHttpResult>> StreamAsync(
        string token,
        HttpResponse response,
        [FromServices] ITripDirectory trips,
        [FromServices] RoomMembership membership,
        [FromServices] RealtimeMetrics metrics,
        [FromServices] IOptions<RealtimeOptions> options,
        CancellationToken cancellationToken)
    {
        if (await trips.ResolveShareTokenAsync(token, cancellationToken) is not { } tripId)
        {
            return Problems.NotFound("Share link");
        }

        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        var member = new StreamMember(Capacity, metrics);
        return TypedResults.ServerSentEvents(RoomStream.EventsAsync<SharedPosition>(
            RealtimeRooms.Trip(tripId),
            member,
            membership,
            options.Value.ShareStreamRecheckInterval,
            async ct => await trips.ResolveShareTokenAsync(token, ct) is not null,
            message => message.Event == RealtimeEvents.Location && SharedPosition.From(message.Data) is { } position
                ? new SseItem<SharedPosition?>(position, RealtimeEvents.Location)
                : null,
            cancellationToken));
    }
}
