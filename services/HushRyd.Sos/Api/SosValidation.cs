using HushRyd.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HushRyd.Sos.Api;

public static class SosValidation
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    public const int MaxNoteLength = 500;

    public static ProblemHttpResult? Check(string? idempotencyKey, RaiseSosRequest? request)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxKeyLength)
        {
            return Problems.Validation(IdempotencyHeader, $"Send an {IdempotencyHeader} header of 1 to {MaxKeyLength} characters, the same on every retry of this SOS.");
        }

        if (request?.Lat is not { } lat || request.Lng is not { } lng || !double.IsFinite(lat) || !double.IsFinite(lng) || lat is < -90 or > 90 || lng is < -180 or > 180)
        {
            return Problems.Validation("lat", "Give lat between -90 and 90 and lng between -180 and 180.");
        }

        if (request.TripId is { Length: 0 or > 100 })
        {
            return Problems.Validation("tripId", "Leave tripId out or give a trip id.");
        }

        return request.Note is { Length: > MaxNoteLength } ? Problems.Validation("note", $"A note is at most {MaxNoteLength} characters.") : null;
    }
}
