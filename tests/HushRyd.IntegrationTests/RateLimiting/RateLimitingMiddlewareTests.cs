using System.Net;
using System.Text.Json;
using HushRyd.Gateway.RateLimiting;

namespace HushRyd.IntegrationTests.RateLimiting;

/// <remarks>One app for the class: each test uses addresses and subjects of its own, so budgets never overlap.</remarks>
public sealed class RateLimitingMiddlewareTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{

    [Fact]
    public async Task Once_the_budget_is_spent_the_answer_is_429_problem_json_with_retry_after_and_the_endpoint_is_not_reached()
    {
        var ip = FreshIp();
        var reachedBefore = app.EndpointCalls;
        for (var i = 0; i < RateLimitedApp.Default; i++)
        {
            using var allowed = await SendAsync(HttpMethod.Get, "/api/v1/trips", ip: ip);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await SendAsync(HttpMethod.Get, "/api/v1/trips", ip: ip);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(RateLimitedApp.Default, app.EndpointCalls - reachedBefore);
        Assert.Equal("60", Header(refused, "Retry-After"));
        Assert.Equal(("3", "0", "60"), RateLimitHeaders(refused));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Too many requests", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.Contains("Default tier", detail, StringComparison.Ordinal);
        Assert.Contains("limit of 3", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_is_rounded_up_to_whole_seconds_and_the_request_passes_once_it_has_elapsed()
    {
        var ip = FreshIp();
        for (var i = 0; i < RateLimitedApp.Default; i++)
        {
            (await SendAsync(HttpMethod.Get, "/api/v1/trips", ip: ip)).Dispose();
        }

        app.Clock.Advance(TimeSpan.FromSeconds(59.2));
        using var refused = await SendAsync(HttpMethod.Get, "/api/v1/trips", ip: ip);
        app.Clock.Advance(TimeSpan.FromSeconds(0.8));
        using var allowed = await SendAsync(HttpMethod.Get, "/api/v1/trips", ip: ip);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", Header(refused, "Retry-After"));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Sos_still_passes_when_the_general_budget_is_spent_and_never_spends_it()
    {
        var exhausted = FreshSubject();
        var sosFirst = FreshSubject();
        for (var i = 0; i <= RateLimitedApp.Authenticated; i++)
        {
            (await SendAsync(HttpMethod.Get, "/api/v1/trips", sub: exhausted)).Dispose();
        }

        using var sos = await SendAsync(HttpMethod.Post, "/api/v1/sos", sub: exhausted);
        using var sosLocation = await SendAsync(HttpMethod.Post, "/api/v1/sos/alert-1/location", sub: exhausted);
        using var general = await SendAsync(HttpMethod.Get, "/api/v1/trips", sub: exhausted);

        Assert.Equal(HttpStatusCode.OK, sos.StatusCode);
        Assert.Equal(("4", "3", "60"), RateLimitHeaders(sos));
        Assert.Equal(("4", "2", "60"), RateLimitHeaders(sosLocation));
        Assert.Equal(HttpStatusCode.TooManyRequests, general.StatusCode);

        for (var i = 0; i < RateLimitedApp.Sos; i++)
        {
            (await SendAsync(HttpMethod.Post, "/api/v1/sos", sub: sosFirst)).Dispose();
        }

        using var generalAfterSos = await SendAsync(HttpMethod.Get, "/api/v1/trips", sub: sosFirst);
        Assert.Equal(("5", "4", "60"), RateLimitHeaders(generalAfterSos));
    }

    [Fact]
    public async Task Share_pages_are_limited_per_address_at_the_anonymous_limit_in_a_budget_apart_from_the_api()
    {
        var ip = FreshIp();
        for (var i = 0; i < RateLimitedApp.Default; i++)
        {
            (await SendAsync(HttpMethod.Get, "/api/v1/trips", ip: ip)).Dispose();
        }

        var shares = new List<HttpResponseMessage>();
        for (var i = 0; i <= RateLimitedApp.Default; i++)
        {
            shares.Add(await SendAsync(HttpMethod.Get, "/share/some-token/status", ip: ip));
        }

        using var otherAddress = await SendAsync(HttpMethod.Get, "/share/some-token/status", ip: FreshIp());

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            shares.Select(r => r.StatusCode));
        Assert.Equal(("3", "2", "60"), RateLimitHeaders(shares[0]));
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
        shares.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task The_tier_claim_sets_the_budget_and_api_keys_users_and_addresses_are_counted_apart()
    {
        var (first, second, third) = (FreshSubject(), FreshSubject(), FreshSubject());
        using var anonymous = await SendAsync(HttpMethod.Get, "/api/v1/trips", ip: FreshIp());
        using var user = await SendAsync(HttpMethod.Get, "/api/v1/trips", sub: first);
        using var premium = await SendAsync(HttpMethod.Get, "/api/v1/trips", sub: second, tier: "Premium");
        using var unknownTier = await SendAsync(HttpMethod.Get, "/api/v1/trips", sub: third, tier: "platinum");
        using var apiKeyPremium = await SendAsync(HttpMethod.Get, "/api/v1/trips", sub: second, kind: "apiKey", tier: "premium");

        Assert.Equal(("3", "2"), Limit(anonymous));
        Assert.Equal(("5", "4"), Limit(user));
        Assert.Equal(("8", "7"), Limit(premium));
        Assert.Equal(("5", "4"), Limit(unknownTier));
        Assert.Equal(("8", "7"), Limit(apiKeyPremium));

        static (string?, string?) Limit(HttpResponseMessage response) => (RateLimitHeaders(response).Limit, RateLimitHeaders(response).Remaining);
    }

    [Fact]
    public async Task One_client_over_its_limit_does_not_affect_another_of_the_same_tier()
    {
        var (noisy, quiet) = (FreshSubject(), FreshSubject());
        for (var i = 0; i < 10; i++)
        {
            (await SendAsync(HttpMethod.Get, "/api/v1/trips", sub: noisy)).Dispose();
        }

        using var quietResponse = await SendAsync(HttpMethod.Get, "/api/v1/trips", sub: quiet);

        Assert.Equal(HttpStatusCode.OK, quietResponse.StatusCode);
        Assert.Equal(("5", "4", "60"), RateLimitHeaders(quietResponse));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/dapr/subscribe")]
    public async Task Health_and_sidecar_paths_are_not_limited(string path)
    {
        var ip = FreshIp();
        for (var i = 0; i < RateLimitedApp.Default * 3; i++)
        {
            using var response = await SendAsync(HttpMethod.Get, path, ip: ip);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task Ipv4_clients_on_a_dual_stack_socket_share_one_budget_with_their_plain_address()
    {
        var ip = FreshIp();
        (await SendAsync(HttpMethod.Get, "/api/v1/trips", ip: ip)).Dispose();

        using var mapped = await SendAsync(HttpMethod.Get, "/api/v1/trips", ip: IPAddress.Parse(ip).MapToIPv6().ToString());

        Assert.Equal("1", RateLimitHeaders(mapped).Remaining);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? ip = null, string? sub = null, string? kind = null, string? tier = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        AddIfSet(request, "X-Test-Ip", ip);
        AddIfSet(request, "X-Test-Sub", sub);
        AddIfSet(request, "X-Test-Kind", kind);
        AddIfSet(request, "X-Test-Tier", tier);
        return await app.Client.SendAsync(request);

        static void AddIfSet(HttpRequestMessage request, string name, string? value)
        {
            if (value is not null)
            {
                request.Headers.Add(name, value);
            }
        }
    }

    private static string FreshSubject() => Guid.NewGuid().ToString("N");

    private static int _addresses;

    private static string FreshIp()
    {
        var n = Interlocked.Increment(ref _addresses);
        return new IPAddress([10, 0, (byte)(n >> 8), (byte)n]).ToString();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static (string? Limit, string? Remaining, string? Reset) RateLimitHeaders(HttpResponseMessage response) =>
        (Header(response, "RateLimit-Limit"), Header(response, "RateLimit-Remaining"), Header(response, "RateLimit-Reset"));
}
