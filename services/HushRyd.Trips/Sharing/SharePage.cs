using System.Globalization;
using System.Text.Encodings.Web;
using HushRyd.Platform.Trips;
using HushRyd.Trips.Trips;

namespace HushRyd.Trips.Sharing;

/// <summary>
/// The public tracking page and its "not active" twin, from HTML files embedded in this assembly. The live page
/// is rendered with the trip's text already in it, so it reads right before (or without) its script.
/// </summary>
public static class SharePage
{
    private static readonly string LiveTemplate = Load("share.html");
    private static readonly string GoneTemplate = Load("share-gone.html");

    // India has one time zone and no daylight saving, so a fixed offset is exact.
    private static readonly TimeSpan IndiaOffset = TimeSpan.FromHours(5.5);

    public static string Live(Trip trip, string nonce)
    {
        ArgumentNullException.ThrowIfNull(trip);
        var departure = trip.DepartureTime.ToOffset(IndiaOffset);
        return LiveTemplate
            .Replace("{{nonce}}", nonce, StringComparison.Ordinal)
            .Replace("{{status}}", trip.Status.Name(), StringComparison.Ordinal)
            .Replace("{{statusText}}", Encode(StatusText(trip.Status)), StringComparison.Ordinal)
            .Replace("{{source}}", Encode(trip.Source.City), StringComparison.Ordinal)
            .Replace("{{destination}}", Encode(trip.Destination.City), StringComparison.Ordinal)
            .Replace("{{vehicle}}", Encode(VehicleText(trip.Vehicle)), StringComparison.Ordinal)
            .Replace("{{departureIso}}", trip.DepartureTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{departureText}}", departure.ToString("ddd d MMM yyyy, h:mm tt", CultureInfo.InvariantCulture) + " IST", StringComparison.Ordinal);
    }

    public static string Gone(string nonce) => GoneTemplate.Replace("{{nonce}}", nonce, StringComparison.Ordinal);

    /// <summary>The words a family member reads; the page's script uses the same ones.</summary>
    public static string StatusText(TripStatus status) => status switch
    {
        TripStatus.Scheduled => "Not started yet",
        TripStatus.Started => "On the way",
        TripStatus.Completed => "Trip completed",
        TripStatus.Cancelled => "Trip cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// The plate, make, model and colour: what someone following the trip needs to tell the police which car to stop.
    /// Nothing about the driver beyond it.
    /// </summary>
    public static string VehicleText(TripVehicle? vehicle) =>
        vehicle?.Describe() ?? "Not given by the driver";

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Load(string name)
    {
        using var stream = typeof(SharePage).Assembly.GetManifestResourceStream($"HushRyd.Trips.Sharing.{name}")
            ?? throw new InvalidOperationException($"The embedded page {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
