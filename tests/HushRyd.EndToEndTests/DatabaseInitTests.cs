using HushRyd.Testing;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HushRyd.EndToEndTests;

/// <summary><c>hushryd db init</c>: every module's indexes, or one line and exit 2.</summary>
public sealed class DatabaseInitTests
{
    [Fact]
    public async Task An_unreachable_mongodb_fails_in_one_line_with_exit_code_2()
    {
        var (exitCode, _, stderr) = await ServerProcess.RunToExitAsync(
            new Dictionary<string, string> { ["Mongo__ConnectionString"] = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=1500" },
            "db",
            "init");

        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(2, exitCode);
        Assert.StartsWith("hushryd: cannot create MongoDB indexes in 'hushryd': no MongoDB server at 127.0.0.1:1 answered", line, StringComparison.Ordinal);
        Assert.EndsWith("check Mongo:ConnectionString (environment: Mongo__ConnectionString).", line, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Every_modules_indexes_are_created_and_listed_and_a_second_run_changes_nothing()
    {
        await using var mongo = await MongoTestDatabase.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Mongo__ConnectionString"] = mongo.ConnectionString,
            ["Mongo__Database"] = mongo.Database.DatabaseNamespace.DatabaseName,
        };

        var first = await ServerProcess.RunToExitAsync(environment, "db", "init");
        var second = await ServerProcess.RunToExitAsync(environment, "db", "init");

        Assert.Equal((0, string.Empty), (first.ExitCode, first.StandardError));
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(first.StandardOutput, second.StandardOutput);
        Assert.Contains("trips: ", first.StandardOutput, StringComparison.Ordinal);
        Assert.Superset(
            new HashSet<string> { "{ \"status\" : 1, \"source.city\" : 1, \"departureTime\" : 1 }", "{ \"source.coordinates\" : \"2dsphere\" }", "{ \"destination.coordinates\" : \"2dsphere\" }", "{ \"driver\" : 1, \"status\" : 1 }" },
            await IndexKeysAsync(mongo.Database, "trips"));
        Assert.Superset(
            new HashSet<string> { "{ \"passengerId\" : 1, \"status\" : 1 }", "{ \"tripId\" : 1, \"status\" : 1 }", "{ \"createdAt\" : -1 }" },
            await IndexKeysAsync(mongo.Database, "bookings"));
        Assert.Superset(new HashSet<string> { "{ \"phone\" : 1 }", "{ \"email\" : 1 }" }, await IndexKeysAsync(mongo.Database, "users"));
    }

    private static async Task<HashSet<string>> IndexKeysAsync(IMongoDatabase database, string collection)
    {
        var indexes = await (await database.GetCollection<BsonDocument>(collection).Indexes.ListAsync()).ToListAsync();
        return [.. indexes.Select(index => index["key"].ToJson())];
    }
}
