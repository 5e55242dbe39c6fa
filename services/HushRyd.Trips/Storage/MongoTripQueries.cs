using HushRyd.Platform.Geo;
using HushRyd.Trips.Places;
using HushRyd.Trips.Trips;
using MongoDB.Driver;
using MongoDB.Driver.GeoJsonObjectModel;

namespace HushRyd.Trips.Storage;

/// <summary>The trips collection's search filters, public so tests can render them against the seed's indexes.</summary>
public static class MongoTripQueries
{
    /// <summary>MongoDB measures 2dsphere distances on a sphere of this radius, not <see cref="GeoDistance.EarthRadiusKm"/>.</summary>
    public const double MongoEarthRadiusKm = 6378.1;

    private static FilterDefinitionBuilder<MongoTripDocument> Filter => Builders<MongoTripDocument>.Filter;

    /// <summary>Served by the seed's <c>{ status: 1, "source.city": 1, departureTime: 1 }</c>; the cursor continues after (departureTime, _id).</summary>
    public static FilterDefinition<MongoTripDocument> Search(TripSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var filter = Filter.Eq(t => t.Status, search.Status.Name())
            & Filter.Eq(t => t.Source.City, search.City)
            & Filter.Gte(t => t.DepartureTime, search.From.UtcDateTime)
            & Filter.Lt(t => t.DepartureTime, search.To.UtcDateTime);
        if (search.After is { } after)
        {
            var afterTime = after.DepartureTime.UtcDateTime;
            filter &= Filter.Gt(t => t.DepartureTime, afterTime)
                | (Filter.Eq(t => t.DepartureTime, afterTime) & Filter.Gt(t => t.Id, after.Id));
        }

        return filter;
    }

    public static SortDefinition<MongoTripDocument> SearchOrder { get; } =
        Builders<MongoTripDocument>.Sort.Ascending(t => t.DepartureTime).Ascending(t => t.Id);

    /// <summary>Nearest first through the <c>source.coordinates</c> 2dsphere index, within the radius, departing at or after From.</summary>
    public static FilterDefinition<MongoTripDocument> Near(NearSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return Filter.NearSphere(t => t.Source.Coordinates, GeoJson.Point(GeoJson.Geographic(search.Lng, search.Lat)), maxDistance: MaxDistanceMetres(search.RadiusKm))
            & Filter.Eq(t => t.Status, search.Status.Name())
            & Filter.Gte(t => t.DepartureTime, search.From.UtcDateTime);
    }

    /// <summary>
    /// The radius as MongoDB measures it: the same central angle as <see cref="GeoDistance.Kilometres"/> uses, so
    /// both stores cut off at the same place and the distances reported never exceed the radius asked for.
    /// </summary>
    public static double MaxDistanceMetres(double radiusKm) => radiusKm / GeoDistance.EarthRadiusKm * MongoEarthRadiusKm * 1000;
}
