using HushRyd.Platform.Http;
using HushRyd.Platform.Trips;
using HushRyd.Trips.Vehicles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HushRyd.Trips.Api;

/// <summary>
/// The vehicle part of a published trip. Its text goes into SOS SMS to trusted contacts, so make, model and colour are
/// short and written in characters every SMS gateway sends in one GSM-7 segment (a single Devanagari letter would turn
/// the whole SOS text into UCS-2 and split it in three).
/// </summary>
public static class VehicleValidation
{
    private const string TextCharacters = " -.&/'()+";

    /// <returns>A 400 naming the first invalid field, or null when the vehicle is absent or complete.</returns>
    public static ProblemHttpResult? Check(VehicleRequest? vehicle)
    {
        if (vehicle is null)
        {
            return null;
        }

        if (RegistrationNumber.Normalise(vehicle.Registration) is null)
        {
            return Problems.Validation(
                "vehicle.registration", $"Give the vehicle's Indian registration number as on its plate, e.g. {RegistrationNumber.Example}.");
        }

        return CheckText("vehicle.makeModel", "make and model, e.g. Maruti Suzuki Swift", vehicle.MakeModel, TripRules.MaxMakeModelLength)
            ?? CheckText("vehicle.colour", "colour, e.g. white", vehicle.Colour, TripRules.MaxColourLength);
    }

    /// <summary>The checked request as stored: the plate normalised, the text trimmed with single spaces.</summary>
    public static TripVehicle? ToVehicle(VehicleRequest? vehicle) =>
        vehicle is null ? null : new(RegistrationNumber.Normalise(vehicle.Registration)!, Tidy(vehicle.MakeModel!), Tidy(vehicle.Colour!));

    private static ProblemHttpResult? CheckText(string field, string what, string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problems.Validation(field, $"Give the vehicle's {what}.");
        }

        if (Tidy(text).Length > maxLength)
        {
            return Problems.Validation(field, $"At most {maxLength} characters.");
        }

        return text.All(c => char.IsAsciiLetterOrDigit(c) || TextCharacters.Contains(c, StringComparison.Ordinal))
            ? null
            : Problems.Validation(field, $"Use English letters, digits, spaces and {TextCharacters.Trim()} only.");
    }

    private static string Tidy(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
