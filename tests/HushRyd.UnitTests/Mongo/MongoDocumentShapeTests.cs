using HushRyd.Platform.Trips;
using HushRyd.Sos.Storage;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Places;
using HushRyd.Trips.Storage;
using HushRyd.Trips.Trips;
using HushRyd.Workflows.Sos.Alerts;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

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
    public void A_trips_vehicle_is_a_subdocument_that_round_trips_and_a_trip_without_one_has_no_field_and_reads_back_without_one()
    {
        var withVehicle = Trip with { Vehicle = new TripVehicle("TN 09 BX 4521", "Hyundai i20", "Red") };

        var bson = MongoTripDocument.From(withVehicle).ToBsonDocument();
        var plain = MongoTripDocument.From(Trip).ToBsonDocument();

        Assert.Equal(BsonDocument.Parse("{ registration: 'TN 09 BX 4521', makeModel: 'Hyundai i20', colour: 'Red' }"), bson["vehicle"].AsBsonDocument);
        Assert.Equal(withVehicle, BsonSerializer.Deserialize<MongoTripDocument>(bson).ToTrip());
        Assert.False(plain.Contains("vehicle"));
        Assert.Equal(Trip, BsonSerializer.Deserialize<MongoTripDocument>(plain).ToTrip());
    }

    [Fact]
    public void An_sos_alerts_vehicle_round_trips_and_an_alert_stored_before_vehicles_reads_back_without_one()
    {
        var alert = new SosAlert(
            "sos_1", "usr_p", null, "k1", "trp_1", "usr_d", 13.08, 80.27, null, Created, [], SosStatus.Active, 0, null, null, null, null, false,
            new TripVehicle("22 BH 1234 AA", "Kia Carens", "Silver"));
        var raised = new SosTimelineEntry(Created, SosTimelineKinds.Raised);

        var bson = MongoSosAlertDocument.From(alert, raised).ToBsonDocument();
        var older = MongoSosAlertDocument.From(alert with { Vehicle = null }, raised).ToBsonDocument();

        Assert.Equal("22 BH 1234 AA", bson["vehicle"]["registration"].AsString);
        Assert.Equal(alert.Vehicle, BsonSerializer.Deserialize<MongoSosAlertDocument>(bson).ToAlert().Vehicle);
        Assert.False(older.Contains("vehicle"));
        Assert.Null(BsonSerializer.Deserialize<MongoSosAlertDocument>(older).ToAlert().Vehicle);
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
