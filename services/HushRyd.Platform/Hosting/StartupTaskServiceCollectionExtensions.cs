using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Platform.Hosting;

public static class StartupTaskServiceCollectionExtensions
{
    /// <summary>Registers a singleton that is also a start-up task, so both resolve to the same instance.</summary>
    public static IServiceCollection AddStartupTask<TService, TImplementation>(this IServiceCollection services)
        where TService : class
        where TImplementation : class, TService, IStartupTask
    {
        services.AddStartupTask<TImplementation>();
        services.AddSingleton<TService>(sp => sp.GetRequiredService<TImplementation>());
        return services;
    }

    public static IServiceCollection AddStartupTask<TImplementation>(this IServiceCollection services)
        where TImplementation : class, IStartupTask
    {
        services.AddSingleton<TImplementation>();
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<TImplementation>());
        return services;
    }

    public static async Task RunStartupTasksAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var task in services.GetServices<IStartupTask>())
        {
            await task.StartAsync(cancellationToken);
        }
    }
}
