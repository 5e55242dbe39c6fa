using HushRyd.Trips.Places;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver.GeoJsonObjectModel;

namespace HushRyd.Trips.Storage;

/// <summary>A trip's source or destination; the point is GeoJSON ([lng, lat]) so the 2dsphere indexes cover it.</summary>
public sealed class MongoPlaceDocument
{
    [BsonElement("city")]
    public string City { get; set; } = string.Empty;

    [BsonElement("address")]
    public string? Address { get; set; }

    [BsonElement("coordinates")]
    public GeoJsonPoint<GeoJson2DGeographicCoordinates> Coordinates { get; set; } = null!;

    public static MongoPlaceDocument From(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return new MongoPlaceDocument
        {
            City = place.City,
            Address = place.Address,
            Coordinates = GeoJson.Point(GeoJson.Geographic(place.Lng, place.Lat)),
        };
    }

    public Place ToPlace() => new(City, Coordinates.Coordinates.Latitude, Coordinates.Coordinates.Longitude, Address);
}
