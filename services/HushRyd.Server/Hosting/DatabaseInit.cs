using HushRyd.Platform.Hosting;
using HushRyd.Platform.Modules;
using HushRyd.Runtime.Dapr.Mongo;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HushRyd.Server.Hosting;

/// <summary>
/// <c>hushryd db init</c>: composes every module for the Dapr runtime, as a pod would, and runs the same index
/// initializer the server runs at start-up, so an operator can create indexes before the first deployment.
/// </summary>
public static class DatabaseInit
{
    public static async Task<int> RunAsync(IDictionary<string, string?> overrides, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(DatabaseInit).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders();
        builder.SetRuntimeKind(RuntimeKind.Dapr);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMongoRecordStore(builder.Configuration);
        foreach (var module in ModuleCatalog.All)
        {
            module.AddServices(builder);
        }

        await using var services = builder.Services.BuildServiceProvider();
        var database = services.GetRequiredService<IMongoDatabase>();
        await ActivatorUtilities.CreateInstance<MongoIndexInitializer>(services).StartAsync(cancellationToken);
        try
        {
            await output.WriteLineAsync($"Indexes in MongoDB database '{database.DatabaseNamespace.DatabaseName}':");
            var collections = await (await database.ListCollectionNamesAsync(cancellationToken: cancellationToken)).ToListAsync(cancellationToken);
            foreach (var collection in collections.Order(StringComparer.Ordinal))
            {
                var indexes = await (await database.GetCollection<BsonDocument>(collection).Indexes.ListAsync(cancellationToken)).ToListAsync(cancellationToken);
                await output.WriteLineAsync($"  {collection}: {string.Join(", ", indexes.Select(index => index["key"].ToJson()))}");
            }
        }
        catch (Exception ex) when (ex is TimeoutException or MongoException)
        {
            throw new StartupException(MongoFailure.Describe(database, ex), ex);
        }

        return 0;
    }
}
