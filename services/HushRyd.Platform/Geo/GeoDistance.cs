namespace HushRyd.Platform.Geo;

public static class GeoDistance
{
    public const double EarthRadiusKm = 6371.0088;

    private const double Margin = 1e-8;

    /// <summary>Great-circle distance (haversine); good to a few metres at city scale.</summary>
    public static double Kilometres(double lat1, double lng1, double lat2, double lng2)
    {
        var dLat = Radians(lat2 - lat1);
        var dLng = Radians(lng2 - lng1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The latitude/longitude box that contains every point within <paramref name="radiusKm"/>, for an indexed pre-filter.</summary>
    public static (double MinLat, double MaxLat, double MinLng, double MaxLng) BoundingBox(double lat, double lng, double radiusKm)
    {
        var angular = radiusKm / EarthRadiusKm;
        var dLat = angular * (180 / Math.PI);

        // The widest longitude on the circle is asin(sin r / cos lat), a little more than r / cos lat away from
        // the equator; near a pole the circle takes in every longitude.
        var reach = Math.Sin(angular) / Math.Cos(Radians(lat));
        var dLng = reach >= 1 ? 180 : Math.Asin(reach) * (180 / Math.PI);

        // A hair wider (about a millimetre) so a point exactly on the circle survives floating-point rounding.
        return (lat - dLat - Margin, lat + dLat + Margin, lng - dLng - Margin, lng + dLng + Margin);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
