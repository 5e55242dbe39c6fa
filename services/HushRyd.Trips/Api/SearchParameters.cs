using HushRyd.Platform.Http;
using HushRyd.Trips.Trips;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HushRyd.Trips.Api;

/// <summary>The status and page-size parameters both trip searches share.</summary>
public static class SearchParameters
{
    public static ProblemHttpResult? Check(string? status, int? pageSize, out TripStatus tripStatus, out int limit)
    {
        limit = pageSize ?? TripRules.DefaultPageSize;
        tripStatus = TripStatus.Scheduled;
        if (status is not null && !TripStatusNames.TryParse(status, out tripStatus))
        {
            return Problems.Validation("status", "Use scheduled, started, completed or cancelled.");
        }

        return limit is >= 1 and <= TripRules.MaxPageSize
            ? null
            : Problems.Validation("pageSize", $"Give a page size between 1 and {TripRules.MaxPageSize}.");
    }
}
