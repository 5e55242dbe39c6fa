using System.Security.Claims;
using HushRyd.Platform.Identity;
using HushRyd.Realtime.Sessions;
using Microsoft.AspNetCore.Http;

namespace HushRyd.Realtime.Lean;

/// <summary>Who opened a lean connection, taken from its upgrade request: all the connection keeps of that request.</summary>
internal sealed record HubCaller(ClaimsPrincipal User, string UserId, ConnectionCredentials Credentials)
{
    public static HubCaller From(HttpContext context) => new(context.User, context.User.UserId()!, ConnectionCredentials.From(context));
}
