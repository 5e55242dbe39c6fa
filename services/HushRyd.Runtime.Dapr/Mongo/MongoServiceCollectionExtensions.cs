using HushRyd.Platform.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace HushRyd.Runtime.Dapr.Mongo;

public static class MongoServiceCollectionExtensions
{
    /// <summary>MongoDB as the system of record: one client per process (it pools), indexes ensured at start-up.</summary>
    public static IServiceCollection AddMongoRecordStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MongoOptions>(configuration.GetSection(MongoOptions.SectionName));
        services.AddSingleton<IMongoClient>(sp => new MongoClient(sp.GetRequiredService<IOptions<MongoOptions>>().Value.ConnectionString));
        services.AddSingleton(sp => sp.GetRequiredService<IMongoClient>().GetDatabase(sp.GetRequiredService<IOptions<MongoOptions>>().Value.Database));
        services.AddSingleton<IStartupTask, MongoIndexInitializer>();
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongodb", tags: [HealthTags.Ready]);
        return services;
    }

    public static IServiceCollection AddMongoIndexBootstrapper<TBootstrapper>(this IServiceCollection services)
        where TBootstrapper : class, IMongoIndexBootstrapper =>
        services.AddSingleton<IMongoIndexBootstrapper, TBootstrapper>();
}
