using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Platform.Identity;

/// <summary>
/// ASP.NET registers its authorization services as transient so that an app's handlers may depend on scoped services.
/// Every authorized request then builds the authorization service, its policy and handler providers, evaluator, context
/// factory, the pass-through handler and the policy evaluator anew (ADR 0011). They hold no per-request state, and
/// HushRyd's authorization handlers are singletons, so ASP.NET's own implementations are made singletons; were any
/// handler registered with a shorter lifetime, nothing is changed.
/// </summary>
public static class AuthorizationServiceLifetimes
{
    private static readonly Type[] StatelessServices =
    [
        typeof(IAuthorizationService),
        typeof(IAuthorizationPolicyProvider),
        typeof(IAuthorizationHandlerProvider),
        typeof(IAuthorizationEvaluator),
        typeof(IAuthorizationHandlerContextFactory),
        typeof(IAuthorizationHandler),
        typeof(IPolicyEvaluator),
        typeof(IAuthorizationMiddlewareResultHandler),
    ];

    /// <summary>Call once every module has registered its services, just before the host is built.</summary>
    public static IServiceCollection UseSingletonAuthorizationServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IAuthorizationHandler) && d.Lifetime != ServiceLifetime.Singleton && !IsAspNets(d)))
        {
            return services;
        }

        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.Lifetime == ServiceLifetime.Transient && StatelessServices.Contains(descriptor.ServiceType) && IsAspNets(descriptor))
            {
                services[i] = ServiceDescriptor.Singleton(descriptor.ServiceType, descriptor.ImplementationType!);
            }
        }

        return services;
    }

    // Only ASP.NET's implementations are known to be stateless; an app's own keep their lifetime.
    private static bool IsAspNets(ServiceDescriptor descriptor) =>
        !descriptor.IsKeyedService && descriptor.ImplementationType?.Assembly.GetName().Name?.StartsWith("Microsoft.AspNetCore.Authorization", StringComparison.Ordinal) == true;
}
