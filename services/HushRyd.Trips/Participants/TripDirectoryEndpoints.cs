using HushRyd.Platform.Internal;
using HushRyd.Platform.Trips;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Trips.Participants;

/// <summary>The internal side of <see cref="HttpTripDirectory"/>: what other modules in other processes may ask Trips.</summary>
public static class TripDirectoryEndpoints
{
    public static void MapTripDirectoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var directory = endpoints.MapInternalGroup(string.Empty);
        directory.MapGet("/trips/{tripId}/participants", async Task<Results<JsonHttpResult<TripParticipants>, NotFound>> (string tripId, ITripDirectory trips, CancellationToken ct) =>
            await trips.FindAsync(tripId, ct) is { } found ? TypedResults.Json(found, HttpTripDirectory.Json) : TypedResults.NotFound());
        directory.MapGet("/share-tokens/{token}", async Task<Results<JsonHttpResult<HttpTripDirectory.SharedTrip>, NotFound>> (string token, ITripDirectory trips, CancellationToken ct) =>
            await trips.ResolveShareTokenAsync(token, ct) is { } tripId ? TypedResults.Json(new HttpTripDirectory.SharedTrip(tripId), HttpTripDirectory.Json) : TypedResults.NotFound());
        directory.MapGet("/users/{userId}/trusted-contacts", async (string userId, ISosContacts contacts, CancellationToken ct) =>
            TypedResults.Json((await contacts.TrustedContactsOfAsync(userId, ct)).ToArray(), HttpTripDirectory.Json));
        directory.MapPost("/trips/{tripId}/share-tokens", async Task<Results<JsonHttpResult<HttpSosContacts.IssuedShareToken>, NotFound>> (string tripId, HttpSosContacts.ShareTokenRequest request, ISosContacts contacts, CancellationToken ct) =>
            await contacts.IssueShareTokenAsync(tripId, request.UserId, ct) is { } token ? TypedResults.Json(new HttpSosContacts.IssuedShareToken(token), HttpTripDirectory.Json) : TypedResults.NotFound());
    }
}
