using HushRyd.Platform.Geo;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HushRyd.Trips.Places;

namespace HushRyd.UnitTests.Trips;

public sealed class GeoDistanceTests
{
    [Fact]
    public void Delhi_to_Mumbai_is_about_1150_km_as_the_crow_flies() =>
        Assert.InRange(GeoDistance.Kilometres(28.6139, 77.2090, 19.0760, 72.8777), 1140, 1160);

    [Property(MaxTest = 5000)]
    public Property The_bounding_box_contains_every_point_within_the_radius()
    {
        var cases =
            from lat in Gen.Choose(-6000, 6000).Select(v => v / 100.0)
            from lng in Gen.Choose(-17000, 17000).Select(v => v / 100.0)
            from radius in Gen.Choose(1, 5000).Select(v => v / 100.0)
            from bearing in Gen.Choose(0, 359)
            from fraction in Gen.Choose(0, 100).Select(v => v / 100.0)
            select (lat, lng, radius, bearing, fraction);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (pointLat, pointLng) = Destination(c.lat, c.lng, c.bearing, c.radius * c.fraction);
            var box = GeoDistance.BoundingBox(c.lat, c.lng, c.radius);
            return pointLat >= box.MinLat && pointLat <= box.MaxLat && pointLng >= box.MinLng && pointLng <= box.MaxLng;
        });
    }

    private static (double Lat, double Lng) Destination(double lat, double lng, double bearingDegrees, double km)
    {
        var d = km / GeoDistance.EarthRadiusKm;
        var bearing = bearingDegrees * Math.PI / 180;
        var lat1 = lat * Math.PI / 180;
        var lng1 = lng * Math.PI / 180;
        var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(d)) + (Math.Cos(lat1) * Math.Sin(d) * Math.Cos(bearing)));
        var lng2 = lng1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(d) * Math.Cos(lat1), Math.Cos(d) - (Math.Sin(lat1) * Math.Sin(lat2)));
        return (lat2 * 180 / Math.PI, lng2 * 180 / Math.PI);
    }
}
