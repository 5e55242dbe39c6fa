using System.Security.Claims;
using HushRyd.Location.Drivers;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Location.Api;

public static class DriverEndpoints
{
    public const double DefaultRadiusKm = 5;
    public const double MaxRadiusKm = 50;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static void MapDriverEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var drivers = endpoints.MapGroup("/api/v1/drivers").WithTags("Location").RequireAuthorization();
        drivers.MapPut("/me/availability", SetAvailabilityAsync).WithSummary("Go online at a point (repeat as a heartbeat) or offline (drivers)");
        drivers.MapGet("/nearby", NearbyAsync).WithSummary("Online drivers within a radius, nearest first");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetAvailabilityAsync(AvailabilityRequest request, ClaimsPrincipal user, ActiveDrivers drivers)
    {
        if (user.UserId() is not { } driverId || !user.IsInRole(Roles.Driver))
        {
            return Problems.Forbidden("Only drivers go online.");
        }

        if (request.Online is not { } online)
        {
            return Problems.Validation("online", "Say whether you are online (true) or offline (false).");
        }

        if (!online)
        {
            await drivers.SetOfflineAsync(driverId);
            return TypedResults.NoContent();
        }

        if (CheckPoint(request.Lat, request.Lng) is { } invalid)
        {
            return invalid;
        }

        await drivers.SetOnlineAsync(driverId, request.Lat!.Value, request.Lng!.Value);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<NearbyDriversView>, ProblemHttpResult>> NearbyAsync(double? lat, double? lng, double? radiusKm, int? limit, ActiveDrivers drivers)
    {
        var radius = radiusKm ?? DefaultRadiusKm;
        var count = limit ?? DefaultLimit;
        var problem = CheckPoint(lat, lng)
            ?? (radius is > 0 and <= MaxRadiusKm ? null : Problems.Validation("radiusKm", $"Give a radius above 0 and at most {MaxRadiusKm} km."))
            ?? (count is >= 1 and <= MaxLimit ? null : Problems.Validation("limit", $"Ask for 1 to {MaxLimit} drivers."));
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(new NearbyDriversView(await drivers.NearbyAsync(lat!.Value, lng!.Value, radius, count)));
    }

    private static ProblemHttpResult? CheckPoint(double? lat, double? lng) =>
        PositionValidation.CheckPoint(lat, lng) is { } invalid ? Problems.Validation(invalid.Field, invalid.Message) : null;
}
