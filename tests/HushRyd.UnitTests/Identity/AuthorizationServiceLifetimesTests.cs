using System.Security.Claims;
using HushRyd.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.UnitTests.Identity;

public class AuthorizationServiceLifetimesTests
{
    [Fact]
    public async Task AspNets_authorization_services_become_singletons_and_still_authorize()
    {
        var services = new ServiceCollection().AddLogging().AddAuthorization().UseSingletonAuthorizationServices();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        Assert.Same(provider.GetRequiredService<IAuthorizationService>(), provider.GetRequiredService<IAuthorizationService>());
        Assert.Same(provider.GetRequiredService<IPolicyEvaluator>(), provider.GetRequiredService<IPolicyEvaluator>());
        Assert.Same(provider.GetRequiredService<IAuthorizationMiddlewareResultHandler>(), provider.GetRequiredService<IAuthorizationMiddlewareResultHandler>());
        var authorization = provider.GetRequiredService<IAuthorizationService>();
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        Assert.True((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity("test")), policy)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), policy)).Succeeded);
    }

    [Fact]
    public void Nothing_changes_when_an_app_registers_a_handler_that_is_not_a_singleton()
    {
        var services = new ServiceCollection().AddLogging().AddAuthorization();
        services.AddScoped<IAuthorizationHandler, ScopedHandler>();

        services.UseSingletonAuthorizationServices();

        Assert.All(
            services.Where(d => d.ServiceType == typeof(IAuthorizationService) || d.ServiceType == typeof(IAuthorizationHandlerProvider)),
            d => Assert.Equal(ServiceLifetime.Transient, d.Lifetime));
    }

    private sealed class ScopedHandler : IAuthorizationHandler
    {
        public Task HandleAsync(AuthorizationHandlerContext context) => Task.CompletedTask;
    }
}
