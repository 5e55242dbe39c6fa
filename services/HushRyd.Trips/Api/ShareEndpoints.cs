using System.Security.Claims;
using HushRyd.Platform.Http;
using HushRyd.Trips.Notices;
using HushRyd.Trips.Sharing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Trips.Api;

public static class ShareEndpoints
{
    private const string HtmlContentType = "text/html; charset=utf-8";

    public static void MapShareEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/trips/{tripId}/share", CreateAsync)
            .WithTags("Share links")
            .RequireAuthorization()
            .WithSummary("Create a live-tracking link for trusted contacts (the trip's driver, its passengers, admins)");

        // Public: whoever holds the token may look, which is the point of sending it to family.
        var shared = endpoints.MapGroup("/share").WithTags("Share links").AllowAnonymous();
        shared.MapGet("/{token}", PageAsync).ExcludeFromDescription();
        shared.MapGet("/{token}/status", StatusAsync).WithSummary("What a share page shows: status, cities, departure and the latest position");
    }

    private static async Task<Results<Created<ShareLinkView>, ProblemHttpResult>> CreateAsync(
        string tripId,
        ClaimsPrincipal user,
        HttpRequest request,
        ShareLinkService shares,
        TripNotices notices,
        IOptions<ShareOptions> options,
        CancellationToken cancellationToken)
    {
        var created = await shares.CreateAsync(tripId, user, cancellationToken);
        switch (created.Refusal)
        {
            case ShareRefusal.TripNotFound:
                return Problems.NotFound("Trip");
            case ShareRefusal.NotAllowed:
                return Problems.Forbidden("Only the trip's driver, its passengers with a confirmed booking and admins can share it.");
            case ShareRefusal.TripEnded:
                return Problems.Conflict("Trip ended", "The trip is completed or cancelled; there is nothing left to follow.");
            default:
                var url = ShareUrls.For(request, options.Value, created.Token!);
                var notified = await notices.ShareWithContactsAsync(user, created.Link!.CreatedBy, url, created.Link, cancellationToken);
                return TypedResults.Created(url, new ShareLinkView(url, created.Token!, created.Link.ExpiresAt, notified));
        }
    }

    private static async Task<ContentHttpResult> PageAsync(string token, HttpResponse response, ShareLinkService shares, CancellationToken cancellationToken)
    {
        var nonce = SharePageHeaders.Apply(response);
        return await shares.ResolveAsync(token, cancellationToken) is { } trip
            ? TypedResults.Content(SharePage.Live(trip, nonce), HtmlContentType)
            : TypedResults.Content(SharePage.Gone(nonce), HtmlContentType, statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<ShareStatusView>, ProblemHttpResult>> StatusAsync(
        string token, HttpResponse response, ShareLinkService shares, ILivePositions positions, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        SharePageHeaders.NoStore(response);
        if (await shares.ResolveAsync(token, cancellationToken) is not { } trip)
        {
            return Problems.NotFound("Share link");
        }

        try
        {
            return TypedResults.Ok(ShareStatusView.From(trip, await positions.FindAsync(trip.Id, cancellationToken)));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Seed degradation table: with Redis down, real-time features pause; the trip itself is still shown.
            loggers.CreateLogger(typeof(ShareEndpoints)).LogWarning(ex, "Live position of trip {TripId} unavailable", trip.Id);
            return TypedResults.Ok(ShareStatusView.From(trip, null, positionAvailable: false));
        }
    }
}
