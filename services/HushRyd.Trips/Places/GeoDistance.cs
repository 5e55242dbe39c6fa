namespace HushRyd.Trips.Places;

public static class GeoDistance
{
    public const double EarthRadiusKm = 6371.0088;

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
        var dLat = radiusKm / EarthRadiusKm * (180 / Math.PI);
        var cosLat = Math.Max(Math.Cos(Radians(lat)), 1e-6);
        var dLng = Math.Min(180, dLat / cosLat);
        return (lat - dLat, lat + dLat, lng - dLng, lng + dLng);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
