using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace HushRyd.UnitTests.Mongo;

/// <summary>Renders driver definitions to the BSON the server receives, with the documents' own class maps.</summary>
public static class MongoRendering
{
    public static BsonDocument Render<T>(IndexKeysDefinition<T> keys) => keys.Render(Args<T>());

    public static BsonDocument Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>());

    public static BsonDocument Render<T>(SortDefinition<T> sort) => sort.Render(Args<T>());

    private static RenderArgs<T> Args<T>() => new(BsonSerializer.SerializerRegistry.GetSerializer<T>(), BsonSerializer.SerializerRegistry);
}
