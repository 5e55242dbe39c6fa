using System.Globalization;
using System.Security.Claims;
using HushRyd.Location.Access;
using HushRyd.Location.History;
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

public static class PositionEndpoints
{
    private const int TrackPageSize = 5000;

    public static void MapPositionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var trips = endpoints.MapGroup("/api/v1/trips/{tripId}").WithTags("Location");
        trips.MapPut("/location", ReportAsync).RequireAuthorization().WithSummary("Report the trip's position (its driver, while the trip is started)");
        trips.MapGet("/location", GetAsync).WithSummary("The trip's latest position (participants, admins, or ?shareToken= of a live share link)");
        trips.MapGet("/track", TrackAsync).RequireAuthorization().WithSummary("The trip's trail, oldest first, thinned to maxPoints per page");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReportAsync(
        string tripId,
        PositionRequest request,
        ClaimsPrincipal user,
        CachedTripDirectory trips,
        PositionService positions,
        IOptions<LocationOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (PositionValidation.Check(request.Lat, request.Lng, request.Speed, request.Heading, request.Timestamp, time.GetUtcNow(), options.Value) is { } invalid)
        {
            return Problems.Validation(invalid.Field, invalid.Message);
        }

        var trip = await trips.FindAsync(tripId, cancellationToken);
        if (trip is null)
        {
            return Problems.NotFound("Trip");
        }

        if (!TripPermissions.MayReport(trip, user.UserId()))
        {
            return Problems.Forbidden("Only the trip's own driver reports its position.");
        }

        if (trip.Phase != TripPhase.Started)
        {
            return Problems.Conflict("Trip not under way", "Positions are taken only between the trip's start and its end.");
        }

        var update = new PositionUpdate(
            tripId, trip.DriverId, request.Lat!.Value, request.Lng!.Value, request.Speed, request.Heading, request.Timestamp!.Value.ToUnixTimeMilliseconds());
        await positions.RecordAsync(update, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PositionView>, ProblemHttpResult>> GetAsync(
        string tripId, string? shareToken, ClaimsPrincipal user, CachedTripDirectory trips, PositionService positions, CancellationToken cancellationToken)
    {
        var (_, problem) = await TripAccess.WatchAsync(tripId, user, shareToken, trips, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var position = await positions.ReadAsync(tripId, cancellationToken);
        return position is null ? Problems.NotFound("Position") : TypedResults.Ok(PositionView.From(position));
    }

    private static async Task<Results<Ok<TrackView>, ProblemHttpResult>> TrackAsync(
        string tripId,
        string? pageToken,
        int? maxPoints,
        ClaimsPrincipal user,
        CachedTripDirectory trips,
        ILocationHistory history,
        IOptions<LocationOptions> options,
        CancellationToken cancellationToken)
    {
        var limit = maxPoints ?? options.Value.MaxTrackPoints;
        if (limit < 2 || limit > options.Value.MaxTrackPoints)
        {
            return Problems.Validation("maxPoints", $"Ask for 2 to {options.Value.MaxTrackPoints} points.");
        }

        var after = 0L;
        if (pageToken is not null && (!long.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return Problems.Validation("pageToken", "Pass back a pageToken exactly as a previous page returned it.");
        }

        var (_, problem) = await TripAccess.WatchAsync(tripId, user, shareToken: null, trips, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var raw = await history.TrackAsync(tripId, after, TrackPageSize, cancellationToken);
        var points = TrackThinning.Thin(raw, limit).Select(p => new TrackPointView(p.Lat, p.Lng, p.Speed, p.Heading, p.At)).ToArray();
        var next = raw.Count == TrackPageSize ? raw[^1].Timestamp.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new TrackView(tripId, points, next));
    }
}
