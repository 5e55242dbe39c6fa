using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using HushRyd.Gateway.Identity;
using HushRyd.IntegrationTests.RateLimiting;
using HushRyd.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HushRyd.IntegrationTests.Gateway;

/// <summary>The gateway's own authentication middleware, in the real server composition on the embedded runtime.</summary>
public sealed class CallerAuthenticationTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly CountingTransformation _transformation = new();
    private readonly ListLogger<CallerAuthenticationMiddleware> _log = new();
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("HushRyd:DataDir", _directory.Path);
            web.ConfigureTestServices(services => services.AddSingleton<IClaimsTransformation>(_transformation).AddSingleton<ILogger<CallerAuthenticationMiddleware>>(_log));
        });
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Each_request_is_authenticated_once_and_a_registered_claims_transformation_sees_it()
    {
        var token = await TestLogin.LoginAsync(_client, _directory.Path, "+919812340001");
        var before = _transformation.Calls;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _transformation.Calls - before);
        Assert.True(_transformation.LastSawAuthenticated);
        using var principal = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            ("user", TestLogin.UserIdOf(token), "authenticated", "[\"passenger\"]"),
            (principal.RootElement.GetProperty("kind").GetString(), principal.RootElement.GetProperty("id").GetString(),
                principal.RootElement.GetProperty("tier").GetString(), principal.RootElement.GetProperty("roles").GetRawText()));
    }

    [Fact]
    public async Task A_request_without_credentials_is_not_transformed_and_is_challenged_with_problem_details()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/auth/whoami", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(0, _transformation.Calls);
    }

    [Fact]
    public async Task A_forged_token_is_challenged_and_why_is_logged()
    {
        var token = await TestLogin.LoginAsync(_client, _directory.Path, "+919812340002");
        var parts = token.Split('.');

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}");
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Information && entry.Message == "HushRyd was not authenticated. Failure message: invalid token");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _directory.Dispose();
    }

    private sealed class CountingTransformation : IClaimsTransformation
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public bool LastSawAuthenticated { get; private set; }

        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            Interlocked.Increment(ref _calls);
            LastSawAuthenticated = principal.Identity?.IsAuthenticated == true;
            return Task.FromResult(principal);
        }
    }
}
