using HushRyd.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Realtime.Stats;

public static class StatsEndpoints
{
    public static void MapRealtimeStats(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/admin/v1/realtime/stats", ReadAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithTags("Realtime")
            .WithSummary("Connections, rooms and messages per second of every realtime node, and of the cluster");

    private static async Task<Ok<RealtimeStatsView>> ReadAsync(ClusterStats stats) => TypedResults.Ok(await stats.ReadAsync());
}
