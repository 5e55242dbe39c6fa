using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Realtime;
using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Sessions;
using HushRyd.Realtime.Stats;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HushRyd.Realtime.Desk;

/// <summary>
/// The <c>sos:admins</c> room as server-sent events, for the safety desk's page (a browser's EventSource cannot use the
/// hub's MessagePack or set headers; it sends the desk cookie). Events: <c>ready</c> once the stream is in the room,
/// <c>sos</c> as the hub sends it, <c>ping</c> while quiet, <c>ended</c> when the admin's session or role is gone.
/// </summary>
public static class DeskStreamEndpoints
{
    public const string Pattern = "/admin/v1/realtime/sos";

    public static void MapDeskStream(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Pattern, Stream)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithTags("Realtime")
            .WithSummary("Server-sent sos events of the admins' room, for the safety desk page");

    private static ServerSentEventsResult<object?> Stream(
        HttpContext context,
        [FromServices] RoomMembership membership,
        [FromServices] RealtimeMetrics metrics,
        [FromServices] IServiceScopeFactory scopes,
        [FromServices] IOptions<RealtimeOptions> options)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var member = new StreamMember(options.Value.MaxPendingMessages, metrics);
        var recheck = new SessionCheck(ConnectionCredentials.From(context), context.User.UserId(), scopes);
        return TypedResults.ServerSentEvents(EventsAsync(member, membership, recheck, options.Value.SessionRecheckInterval, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<object?>> EventsAsync(
        StreamMember member,
        RoomMembership membership,
        SessionCheck session,
        TimeSpan recheck,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await membership.JoinAsync(RealtimeRooms.SosAdmins, member);
        try
        {
            yield return new SseItem<object?>(null, "ready");
            while (true)
            {
                var next = await StreamWaits.NextAsync(member.Reader, recheck, cancellationToken);
                if (next == StreamWait.Closed)
                {
                    yield break;
                }

                if (next == StreamWait.Quiet)
                {
                    if (!await session.StillAdminAsync())
                    {
                        yield return new SseItem<object?>(null, "ended");
                        yield break;
                    }

                    yield return new SseItem<object?>(null, "ping");
                    continue;
                }

                while (member.Reader.TryRead(out var message))
                {
                    if (message.Event == RealtimeEvents.Sos)
                    {
                        yield return new SseItem<object?>(message.Data, RealtimeEvents.Sos);
                    }
                }
            }
        }
        finally
        {
            await membership.LeaveAsync(RealtimeRooms.SosAdmins, member);
        }
    }

    /// <summary>The stream's credentials judged again by the process's scheme, as the hub's connections are (a logout ends the stream).</summary>
    private sealed class SessionCheck(ConnectionCredentials credentials, string? userId, IServiceScopeFactory scopes)
    {
        public async Task<bool> StillAdminAsync()
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await credentials.ToRequest(scope.ServiceProvider, Pattern).AuthenticateAsync();
            return result.Succeeded && result.Principal.IsAdmin() && result.Principal.UserId() == userId;
        }
    }
}
