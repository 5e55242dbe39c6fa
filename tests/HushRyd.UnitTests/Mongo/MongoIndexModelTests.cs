using System.Text.RegularExpressions;
using HushRyd.Gateway.Users;
using HushRyd.Testing;
using HushRyd.Trips.Storage;
using MongoDB.Bson;
using static HushRyd.UnitTests.Mongo.MongoRendering;

namespace HushRyd.UnitTests.Mongo;

/// <summary>The indexes the stores create are the seed's ("MongoDB Sharding Strategy"), and the bootstrap script agrees.</summary>
public sealed partial class MongoIndexModelTests
{
    [Fact]
    public void Trips_indexes_are_the_seeds()
    {
        Assert.Equal(
            [
                "{ \"status\" : 1, \"source.city\" : 1, \"departureTime\" : 1 }",
                "{ \"driver\" : 1, \"status\" : 1 }",
                "{ \"source.coordinates\" : \"2dsphere\" }",
                "{ \"destination.coordinates\" : \"2dsphere\" }",
            ],
            MongoTripRepository.IndexModels.Select(model => Render(model.Keys).ToJson()));
        Assert.All(MongoTripRepository.IndexModels, model => Assert.Null(model.Options?.Unique));
    }

    [Fact]
    public void Bookings_indexes_are_the_seeds()
    {
        Assert.Equal(
            [
                "{ \"passengerId\" : 1, \"status\" : 1 }",
                "{ \"tripId\" : 1, \"status\" : 1 }",
                "{ \"createdAt\" : -1 }",
            ],
            MongoBookingRepository.IndexModels.Select(model => Render(model.Keys).ToJson()));
    }

    [Fact]
    public void Users_indexes_are_the_seeds_phone_unique_and_email_sparse()
    {
        var models = MongoUserRepository.IndexModels;

        Assert.Equal(["{ \"phone\" : 1 }", "{ \"email\" : 1 }"], models.Select(model => Render(model.Keys).ToJson()));
        Assert.True(models[0].Options.Unique);
        Assert.True(models[1].Options.Sparse);
    }

    [Fact]
    public void The_shard_bootstrap_script_creates_exactly_the_indexes_the_stores_create()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "mongo", "shard-bootstrap.js"));
        var scripted = CreateIndex().Matches(script)
            .Select(match => (match.Groups["collection"].Value, BsonDocument.Parse(match.Groups["keys"].Value).ToJson()))
            .ToHashSet();

        var created = MongoTripRepository.IndexModels.Select(model => ("trips", Render(model.Keys).ToJson()))
            .Concat(MongoBookingRepository.IndexModels.Select(model => ("bookings", Render(model.Keys).ToJson())))
            .Concat(MongoUserRepository.IndexModels.Select(model => ("users", Render(model.Keys).ToJson())))
            .ToHashSet();

        Assert.Equal(created.Order(), scripted.Order());
    }

    [GeneratedRegex(@"^\s*hushryd\.(?<collection>\w+)\.createIndex\((?<keys>\{[^}]*\})", RegexOptions.Multiline)]
    private static partial Regex CreateIndex();
}
