using HushRyd.Trips.Places;

namespace HushRyd.Trips.Api;

public sealed record PlaceView(string City, double Lat, double Lng, string? Address)
{
    public static PlaceView From(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return new(place.City, place.Lat, place.Lng, place.Address);
    }
}
