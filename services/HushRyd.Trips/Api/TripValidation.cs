using HushRyd.Platform.Http;
using HushRyd.Trips.Places;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HushRyd.Trips.Api;

public static class TripValidation
{
    /// <returns>A 400 naming the first invalid field, or null when the request can be published.</returns>
    public static ProblemHttpResult? Check(PublishTripRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problem = CheckPlace("source", request.Source) ?? CheckPlace("destination", request.Destination);
        if (problem is not null)
        {
            return problem;
        }

        if (request.DepartureTime is not { } departure)
        {
            return Problems.Validation("departureTime", "Give the departure time, e.g. 2026-12-01T08:30:00+05:30.");
        }

        if (departure <= now)
        {
            return Problems.Validation("departureTime", "The departure time is in the past.");
        }

        if (departure > now + TripRules.MaxAdvance)
        {
            return Problems.Validation("departureTime", $"Trips can be published at most {TripRules.MaxAdvance.TotalDays} days ahead.");
        }

        if (request.Seats is not (>= 1 and <= TripRules.MaxSeats))
        {
            return Problems.Validation("seats", $"Offer between 1 and {TripRules.MaxSeats} seats.");
        }

        if (request.Fare is not { } fare || fare < 0 || fare > TripRules.MaxFare || fare != decimal.Round(fare, 2))
        {
            return Problems.Validation("fare", $"Give a fare in rupees between 0 and {TripRules.MaxFare}, with at most two decimals.");
        }

        return VehicleValidation.Check(request.Vehicle);
    }

    public static Place ToPlace(PlaceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Place(Cities.Canonical(request.City!), request.Lat!.Value, request.Lng!.Value, string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim());
    }

    public static ProblemHttpResult? CheckPoint(string prefix, double? lat, double? lng)
    {
        // NaN matches no range pattern, so it is refused here too.
        if (lat is not (>= -90 and <= 90))
        {
            return Problems.Validation($"{prefix}lat", "Give a latitude between -90 and 90.");
        }

        return lng is not (>= -180 and <= 180)
            ? Problems.Validation($"{prefix}lng", "Give a longitude between -180 and 180.")
            : null;
    }

    private static ProblemHttpResult? CheckPlace(string field, PlaceRequest? place)
    {
        if (place is null)
        {
            return Problems.Validation(field, $"Give the {field}: city, lat, lng and optionally address.");
        }

        if (string.IsNullOrWhiteSpace(place.City))
        {
            return Problems.Validation($"{field}.city", "Give the city.");
        }

        if (place.City.Trim().Length > TripRules.MaxCityLength)
        {
            return Problems.Validation($"{field}.city", $"At most {TripRules.MaxCityLength} characters.");
        }

        if (place.Address is { Length: > TripRules.MaxAddressLength })
        {
            return Problems.Validation($"{field}.address", $"At most {TripRules.MaxAddressLength} characters.");
        }

        return CheckPoint($"{field}.", place.Lat, place.Lng);
    }
}
