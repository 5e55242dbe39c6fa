using HushRyd.Platform.Geo;
using HushRyd.Trips.Places;
using HushRyd.Trips.Storage;
using HushRyd.Trips.Trips;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using static HushRyd.UnitTests.Mongo.MongoRendering;

namespace HushRyd.UnitTests.Mongo;

/// <summary>The search filters the trips store sends, as BSON, against the seed's indexes they rely on.</summary>
public sealed class MongoTripQueriesTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 14, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(1);

    [Fact]
    public void City_search_filters_on_the_fields_of_the_status_city_departure_index_with_a_half_open_window()
    {
        var filter = Render(MongoTripQueries.Search(new TripSearch("Pune", From, To, TripStatus.Scheduled, 20)));

        Assert.Equal(
            BsonDocument.Parse("""
                { "status" : "scheduled", "source.city" : "Pune",
                  "departureTime" : { "$gte" : ISODate("2026-03-14T06:00:00Z"), "$lt" : ISODate("2026-03-15T06:00:00Z") } }
                """),
            filter);
    }

    [Fact]
    public void A_continued_search_starts_strictly_after_the_cursor_by_departure_then_id()
    {
        var cursor = new TripCursor(From.AddHours(2), "trp_42");

        var filter = Render(MongoTripQueries.Search(new TripSearch("Pune", From, To, TripStatus.Scheduled, 20, cursor)));

        Assert.Equal(
            BsonSerializer.Deserialize<BsonArray>("""
                [ { "departureTime" : { "$gt" : ISODate("2026-03-14T08:00:00Z") } },
                  { "departureTime" : ISODate("2026-03-14T08:00:00Z"), "_id" : { "$gt" : "trp_42" } } ]
                """),
            filter["$or"]);
        Assert.Equal("{ \"departureTime\" : 1, \"_id\" : 1 }", Render(MongoTripQueries.SearchOrder).ToJson());
    }

    [Fact]
    public void Near_search_uses_nearSphere_on_the_source_point_as_lng_lat_with_the_radius_in_metres()
    {
        var filter = Render(MongoTripQueries.Near(new NearSearch(18.5204, 73.8567, 5, TripStatus.Scheduled, From, 0, 20)));

        var near = filter["source.coordinates"]["$nearSphere"].AsBsonDocument;
        Assert.Equal(BsonDocument.Parse("""{ "type" : "Point", "coordinates" : [73.8567, 18.5204] }"""), near["$geometry"]);
        Assert.Equal(5 * 1000 * MongoTripQueries.MongoEarthRadiusKm / GeoDistance.EarthRadiusKm, near["$maxDistance"].AsDouble, 6);
        Assert.Equal("scheduled", filter["status"]);
        Assert.Equal(new BsonDocument("$gte", new BsonDateTime(From.UtcDateTime)), filter["departureTime"]);
    }
}
