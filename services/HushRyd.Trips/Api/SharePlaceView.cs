using HushRyd.Trips.Places;

namespace HushRyd.Trips.Api;

public sealed record SharePlaceView(string City, double Lat, double Lng)
{
    public static SharePlaceView From(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return new(place.City, place.Lat, place.Lng);
    }
}
