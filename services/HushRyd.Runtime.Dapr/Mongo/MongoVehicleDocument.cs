using HushRyd.Platform.Trips;
using MongoDB.Bson.Serialization.Attributes;

namespace HushRyd.Runtime.Dapr.Mongo;

/// <summary>The <c>vehicle</c> subdocument of a trip and of an SOS alert; documents stored before it simply lack the field.</summary>
public sealed class MongoVehicleDocument
{
    [BsonElement("registration")]
    public string Registration { get; set; } = string.Empty;

    [BsonElement("makeModel")]
    public string MakeModel { get; set; } = string.Empty;

    [BsonElement("colour")]
    public string Colour { get; set; } = string.Empty;

    public static MongoVehicleDocument? From(TripVehicle? vehicle) =>
        vehicle is null ? null : new() { Registration = vehicle.Registration, MakeModel = vehicle.MakeModel, Colour = vehicle.Colour };

    public TripVehicle ToVehicle() => new(Registration, MakeModel, Colour);
}
