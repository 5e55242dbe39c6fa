using HushRyd.Platform.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace HushRyd.Runtime.Dapr.Mongo;

public sealed class MongoIndexInitializer(IMongoDatabase database, IEnumerable<IMongoIndexBootstrapper> bootstrappers, ILogger<MongoIndexInitializer> logger) : IStartupTask
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var bootstrapper in bootstrappers)
        {
            try
            {
                await bootstrapper.EnsureIndexesAsync(database, cancellationToken);
                logger.LogInformation("Ensured MongoDB indexes of {Bootstrapper}", bootstrapper.GetType().Name);
            }
            catch (Exception ex) when (ex is TimeoutException or MongoException)
            {
                throw new StartupException(MongoFailure.Describe(database, ex), ex);
            }
        }
    }
}
