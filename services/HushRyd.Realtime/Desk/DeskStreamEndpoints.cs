using System.Net.ServerSentEvents;
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
        var session = new SessionCheck(ConnectionCredentials.From(context), context.User.UserId(), scopes);
        return TypedResults.ServerSentEvents(RoomStream.EventsAsync<object>(
            RealtimeRooms.SosAdmins,
            member,
            membership,
            options.Value.SessionRecheckInterval,
            _ => session.StillAdminAsync(),
            message => message.Event == RealtimeEvents.Sos ? new SseItem<object?>(message.Data, RealtimeEvents.Sos) : null,
            context.RequestAborted));
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
