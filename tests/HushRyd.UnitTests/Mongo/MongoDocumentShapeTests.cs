using HushRyd.Trips.Bookings;
using HushRyd.Trips.Places;
using HushRyd.Trips.Storage;
using HushRyd.Trips.Trips;
using MongoDB.Bson;

namespace HushRyd.UnitTests.Mongo;

/// <summary>Stored documents carry the shard key and the field names the seed's indexes name.</summary>
public sealed class MongoDocumentShapeTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private static readonly Trip Trip = new(
        "trp_1", "usr_d", new Place("Chennai", 13.0827, 80.2707, null), new Place("Puducherry", 11.9416, 79.8083, "Beach Road"),
        Created.AddHours(5), 3, 2, 350.75m, TripStatus.Scheduled, Region.South, Created);

    [Fact]
    public void A_trip_document_has_the_shard_key_geojson_points_and_a_decimal_fare()
    {
        var bson = MongoTripDocument.From(Trip).ToBsonDocument();

        Assert.Equal(Region.South, bson["region"].AsString);
        Assert.Equal(Created.UtcDateTime, bson["createdAt"].ToUniversalTime());
        Assert.Equal("usr_d", bson["driver"].AsString);
        Assert.Equal("Chennai", bson["source"]["city"].AsString);
        Assert.Equal(BsonDocument.Parse("{ type: 'Point', coordinates: [80.2707, 13.0827] }"), bson["source"]["coordinates"].AsBsonDocument);
        Assert.Equal(BsonType.Decimal128, bson["fare"].BsonType);
        Assert.Equal("scheduled", bson["status"].AsString);
        Assert.False(bson.Contains("_t"));
    }

    [Fact]
    public void A_booking_document_has_the_shard_key_and_the_indexed_fields()
    {
        var bson = MongoBookingDocument.From(new Booking("bkg_1", "trp_1", "usr_p", 1, BookingStatus.Confirmed, Region.South, Created)).ToBsonDocument();

        Assert.Equal(Region.South, bson["region"].AsString);
        Assert.Equal(Created.UtcDateTime, bson["createdAt"].ToUniversalTime());
        Assert.All(["_id", "tripId", "passengerId", "status", "seats"], name => Assert.True(bson.Contains(name), name));
        Assert.Equal("confirmed", bson["status"].AsString);
        Assert.False(bson.Contains("_t"));
    }
}
