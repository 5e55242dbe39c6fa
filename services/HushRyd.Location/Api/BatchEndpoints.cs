using System.Security.Claims;
using HushRyd.Location.Access;
using HushRyd.Location.Positions;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Trips;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace HushRyd.Location.Api;

public static class BatchEndpoints
{
    public static void MapBatchEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/locations/batch", IngestAsync)
            .RequireAuthorization()
            .WithTags("Location")
            .WithSummary("Report many positions at once (a fleet-scoped API key, or a driver for their own trips); each item is checked on its own");

    private static async Task<Results<Accepted<BatchResultView>, ProblemHttpResult>> IngestAsync(
        BatchPositionRequest[]? items,
        ClaimsPrincipal user,
        CachedTripDirectory trips,
        PositionService positions,
        IOptions<LocationOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var fleet = user.IsInRole(ApiKeyScopes.Fleet);
        var driverId = user.UserId();
        if (!fleet && (driverId is null || !user.IsInRole(Roles.Driver)))
        {
            return Problems.Forbidden("Batches come from an API key with the fleet scope, or from a driver for their own trips.");
        }

        if (items is null || items.Length == 0 || items.Length > options.Value.MaxBatchSize)
        {
            return Problems.Validation("items", $"Send 1 to {options.Value.MaxBatchSize} updates in one batch.");
        }

        var now = time.GetUtcNow();
        var accepted = new List<PositionUpdate>(items.Length);
        var rejected = new List<BatchRejection>();
        for (var index = 0; index < items.Length; index++)
        {
            var item = items[index];
            if (item is null)
            {
                rejected.Add(new BatchRejection(index, "the item is null"));
                continue;
            }

            if (PositionValidation.Check(item.Lat, item.Lng, item.Speed, item.Heading, item.Timestamp, now, options.Value) is { } invalid)
            {
                rejected.Add(new BatchRejection(index, $"{invalid.Field}: {invalid.Message}"));
                continue;
            }

            var trip = string.IsNullOrWhiteSpace(item.TripId) ? null : await trips.FindAsync(item.TripId, cancellationToken);
            var refusal = trip is null ? "tripId: no such trip"
                : !fleet && !TripPermissions.MayReport(trip, driverId) ? "tripId: only the trip's own driver reports its position"
                : trip.Phase != TripPhase.Started ? "tripId: the trip is not under way"
                : null;
            if (refusal is not null)
            {
                rejected.Add(new BatchRejection(index, refusal));
                continue;
            }

            accepted.Add(new PositionUpdate(trip!.TripId, trip.DriverId, item.Lat!.Value, item.Lng!.Value, item.Speed, item.Heading, item.Timestamp!.Value.ToUnixTimeMilliseconds()));
        }

        if (accepted.Count > 0)
        {
            await positions.RecordAsync(accepted, cancellationToken);
        }

        return TypedResults.Accepted((string?)null, new BatchResultView(accepted.Count, rejected));
    }
}
