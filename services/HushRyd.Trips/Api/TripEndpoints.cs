using System.Security.Claims;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Participants;
using HushRyd.Trips.Places;
using HushRyd.Trips.Trips;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Trips.Api;

public static class TripEndpoints
{
    public static void MapTripEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var trips = endpoints.MapGroup("/api/v1/trips").WithTags("Trips").RequireAuthorization();
        trips.MapPost("/", PublishAsync).WithSummary("Publish a trip (drivers)");
        trips.MapGet("/", SearchAsync).WithSummary("Trips leaving a city in a departure window, earliest first");
        trips.MapGet("/near", NearAsync).WithSummary("Trips starting within a radius of a point, nearest first");
        trips.MapGet("/{tripId}", GetAsync).WithSummary("One trip");
        foreach (var (transition, summary) in new[]
        {
            (TripTransition.Start, "Start the trip (its driver)"),
            (TripTransition.Complete, "Complete the trip (its driver)"),
            (TripTransition.Cancel, "Cancel a scheduled trip and its bookings (its driver)"),
        })
        {
            trips.MapPost($"/{{tripId}}/{transition.ToString().ToLowerInvariant()}", (string tripId, ClaimsPrincipal user, ITripRepository repository, TimeProvider time, CancellationToken ct) =>
                TransitionAsync(tripId, transition, user, repository, time, ct)).WithSummary(summary);
        }
    }

    private static async Task<Results<Created<TripView>, ProblemHttpResult>> PublishAsync(
        PublishTripRequest request, ClaimsPrincipal user, ITripRepository trips, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } driverId || !user.IsInRole(Roles.Driver))
        {
            return Problems.Forbidden("Only drivers publish trips.");
        }

        var now = time.GetUtcNow();
        if (TripValidation.Check(request, now) is { } invalid)
        {
            return invalid;
        }

        var source = TripValidation.ToPlace(request.Source!);
        var trip = new Trip(
            TripId.New(),
            driverId,
            source,
            TripValidation.ToPlace(request.Destination!),
            request.DepartureTime!.Value.ToUniversalTime(),
            request.Seats!.Value,
            request.Seats.Value,
            request.Fare!.Value,
            TripStatus.Scheduled,
            Cities.RegionOf(source.City, source.Lat, source.Lng),
            now,
            Vehicle: VehicleValidation.ToVehicle(request.Vehicle));
        await trips.InsertAsync(trip, cancellationToken);
        return TypedResults.Created($"/api/v1/trips/{trip.Id}", TripView.ForInsider(trip));
    }

    private static async Task<Results<Ok<PageView<TripView>>, ProblemHttpResult>> SearchAsync(
        string? city,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? status,
        int? pageSize,
        string? pageToken,
        ITripRepository trips,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(city))
        {
            return Problems.Validation("city", "Give the city to search in.");
        }

        var start = from ?? time.GetUtcNow();
        var end = to ?? start + TripRules.DefaultSearchWindow;
        if (end <= start || end - start > TripRules.MaxSearchWindow)
        {
            return Problems.Validation("to", $"Give a window after 'from' of at most {TripRules.MaxSearchWindow.TotalDays} days.");
        }

        var problem = SearchParameters.Check(status, pageSize, out var tripStatus, out var limit);
        if (problem is not null)
        {
            return problem;
        }

        if (!PageTokens.TryReadCursor(pageToken, out var after))
        {
            return Problems.Validation("pageToken", "Pass back a pageToken exactly as a previous page returned it.");
        }

        var page = await trips.SearchAsync(new TripSearch(Cities.Canonical(city), start, end, tripStatus, limit, after), cancellationToken);
        return TypedResults.Ok(new PageView<TripView>([.. page.Items.Select(TripView.ForSearch)], PageTokens.From(page.Next)));
    }

    private static async Task<Results<Ok<PageView<NearbyTripView>>, ProblemHttpResult>> NearAsync(
        double? lat,
        double? lng,
        double? radiusKm,
        string? status,
        DateTimeOffset? from,
        int? pageSize,
        string? pageToken,
        ITripRepository trips,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var radius = radiusKm ?? TripRules.DefaultRadiusKm;
        var parameters = SearchParameters.Check(status, pageSize, out var tripStatus, out var limit);
        var problem = TripValidation.CheckPoint(string.Empty, lat, lng)
            ?? (radius is > 0 and <= TripRules.MaxRadiusKm ? null : Problems.Validation("radiusKm", $"Give a radius above 0 and at most {TripRules.MaxRadiusKm} km."))
            ?? parameters;
        if (problem is not null)
        {
            return problem;
        }

        if (!PageTokens.TryReadOffset(pageToken, out var offset))
        {
            return Problems.Validation("pageToken", "Pass back a pageToken exactly as a previous page returned it.");
        }

        var found = await trips.FindNearAsync(new NearSearch(lat!.Value, lng!.Value, radius, tripStatus, from ?? time.GetUtcNow(), offset, limit + 1), cancellationToken);
        var items = found.Take(limit).Select(n => new NearbyTripView(TripView.ForSearch(n.Trip), Math.Round(n.DistanceKm, 3))).ToArray();
        return TypedResults.Ok(new PageView<NearbyTripView>(items, found.Count > limit ? PageTokens.FromOffset(offset + limit) : null));
    }

    private static async Task<Results<Ok<TripView>, ProblemHttpResult>> GetAsync(
        string tripId, ClaimsPrincipal user, ITripRepository trips, IBookingRepository bookings, CancellationToken cancellationToken)
    {
        if (await trips.FindAsync(tripId, cancellationToken) is not { } trip)
        {
            return Problems.NotFound("Trip");
        }

        var insider = await TripInsiders.IncludeAsync(bookings, trip, user.UserId(), user.IsAdmin(), cancellationToken);
        return TypedResults.Ok(TripView.From(trip, withRegistration: insider));
    }

    private static async Task<Results<Ok<TripView>, ProblemHttpResult>> TransitionAsync(
        string tripId, TripTransition transition, ClaimsPrincipal user, ITripRepository trips, TimeProvider time, CancellationToken cancellationToken)
    {
        var trip = await trips.FindAsync(tripId, cancellationToken);
        if (trip is null)
        {
            return Problems.NotFound("Trip");
        }

        if (user.UserId() != trip.DriverId)
        {
            return Problems.Forbidden("Only the trip's driver can change its status.");
        }

        var moved = TripLifecycle.Allows(trip.Status, transition)
            ? await trips.TryTransitionAsync(tripId, transition, time.GetUtcNow(), cancellationToken)
            : null;
        if (moved is not null)
        {
            return TypedResults.Ok(TripView.ForInsider(moved));
        }

        var current = (await trips.FindAsync(tripId, cancellationToken))?.Status ?? trip.Status;
        return Problems.Conflict(
            "Illegal trip transition",
            $"The trip is {current.Name()}; it can be {TripLifecycle.To(transition).Name()} only from {TripLifecycle.From(transition).Name()}.");
    }
}
