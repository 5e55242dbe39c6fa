using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests;

/// <summary>Identity and admin isolation through the real server process.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private const string Passenger = "+919812345678";
    private readonly TempDirectory _data = new();
    private ServerProcess _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = ServerProcess.Start(_data.Path);
        _client = await _server.WaitUntilReadyAsync();
    }

    [Fact]
    public async Task A_new_user_signs_in_with_the_code_from_the_outbox_and_sees_their_profile()
    {
        var token = await TestLogin.LoginAsync(_client, _data.Path, Passenger);

        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);
        using var whoami = await SendAsync(HttpMethod.Get, "/api/v1/auth/whoami", token);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var profile = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Equal(Passenger, profile.RootElement.GetProperty("phone").GetString());
        Assert.Equal(["passenger"], profile.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        using var principal = JsonDocument.Parse(await whoami.Content.ReadAsStringAsync());
        Assert.Equal("user", principal.RootElement.GetProperty("kind").GetString());
        Assert.Equal("authenticated", principal.RootElement.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Signing_in_again_finds_the_same_user()
    {
        const string phone = "+919811111111";

        var first = await UserIdAsync(await TestLogin.LoginAsync(_client, _data.Path, phone));
        var second = await UserIdAsync(await TestLogin.LoginAsync(_client, _data.Path, phone));

        Assert.StartsWith("usr_", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Asking_for_another_code_at_once_is_throttled_per_phone()
    {
        await RequestCodeAsync("+919877777777");

        using var again = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone = "+919877777777" });
        using var otherPhone = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone = "+919877777778" });

        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.NotNull(again.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, otherPhone.StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_are_refused_and_after_five_the_code_is_dead_even_if_right()
    {
        const string phone = "+919822222222";
        var code = await RequestCodeAsync(phone);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/verify", UriKind.Relative), new { phone, code = code == "000000" ? "111111" : "000000" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/verify", UriKind.Relative), new { phone, code });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("Too many attempts", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_works_once()
    {
        const string phone = "+919833333333";
        var code = await RequestCodeAsync(phone);

        using var first = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/verify", UriKind.Relative), new { phone, code });
        using var replay = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/verify", UriKind.Relative), new { phone, code });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task Logout_revokes_the_token_before_it_expires()
    {
        var token = await TestLogin.LoginAsync(_client, _data.Path, "+919844444444");

        using var logout = await SendAsync(HttpMethod.Post, "/api/v1/auth/logout", token);
        using var after = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("alg-none")]
    [InlineData("garbage")]
    public async Task Forged_tokens_get_401(string forgery)
    {
        var token = await TestLogin.LoginAsync(_client, _data.Path, "+919855555555");
        var parts = token.Split('.');
        var forged = forgery switch
        {
            "tampered" => $"{parts[0]}.{parts[1][..^2]}AA.{parts[2]}",
            "alg-none" => $"{Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}")).TrimEnd('=')}.{parts[1]}.",
            _ => "not.a.jwt",
        };

        using var response = await SendAsync(HttpMethod.Get, "/api/v1/users/me", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_non_admin_gets_403_from_the_admin_api_and_anonymous_gets_401()
    {
        var token = await TestLogin.LoginAsync(_client, _data.Path, "+919866666666");

        using var passenger = await SendAsync(HttpMethod.Get, "/admin/v1/outbox", token);
        using var anonymous = await SendAsync(HttpMethod.Get, "/admin/v1/outbox", null);

        Assert.Equal(HttpStatusCode.Forbidden, passenger.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_an_api_key_a_partner_uses_it_and_both_secrets_work_during_rotation()
    {
        var admin = await TestLogin.LoginAsync(_client, _data.Path, TestLogin.AdminPhone);
        using var created = await SendAsync(HttpMethod.Post, "/admin/v1/api-keys", admin, new { name = "Partner Cabs", tier = "premium" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var keyId = key.RootElement.GetProperty("keyId").GetString();
        var oldSecret = key.RootElement.GetProperty("secret").GetString()!;

        using var rotated = await SendAsync(HttpMethod.Post, $"/admin/v1/api-keys/{keyId}/rotate", admin);
        var newSecret = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;

        foreach (var secret in new[] { oldSecret, newSecret })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/whoami");
            request.Headers.Add("X-Api-Key", secret);
            using var whoami = await _client.SendAsync(request);
            using var principal = JsonDocument.Parse(await whoami.Content.ReadAsStringAsync());
            Assert.Equal("apiKey", principal.RootElement.GetProperty("kind").GetString());
            Assert.Equal("premium", principal.RootElement.GetProperty("tier").GetString());
        }
    }

    [Fact]
    public async Task Bad_input_gets_400_problems_naming_the_field()
    {
        using var phone = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone = "98123" });
        using var malformed = await _client.PostAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new StringContent("{\"phone\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, phone.StatusCode);
        Assert.Contains("\"phone\"", await phone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Malformed JSON", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413()
    {
        var huge = new string('9', 300 * 1024);

        using var response = await _client.PostAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new StringContent($"{{\"phone\":\"{huge}\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrongly_typed_field_is_named_in_the_400()
    {
        using var response = await _client.PostAsync(new Uri("/api/v1/auth/verify", UriKind.Relative), new StringContent("{\"phone\":\"+919812345678\",\"code\":{\"x\":1}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_seeds_limits_an_anonymous_client_gets_429_after_100_requests_a_minute_but_can_still_raise_sos_traffic()
    {
        using var data = new TempDirectory();
        await using var server = ServerProcess.Start(data.Path, new Dictionary<string, string> { ["RateLimits__Default"] = "100", ["RateLimits__Authenticated"] = "500" });
        using var client = await server.WaitUntilReadyAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 101; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/v1/auth/whoami", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (i == 100)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        using var sos = await client.PostAsync(new Uri("/api/v1/sos", UriKind.Relative), JsonContent.Create(new { lat = 28.6, lng = 77.2 }));

        Assert.All(statuses.Take(100), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[100]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, sos.StatusCode);
    }

    private async Task<string> RequestCodeAsync(string phone)
    {
        var sentBefore = await TestLogin.SentCountAsync(_data.Path, phone);
        using var sent = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        return await TestLogin.ReadCodeAsync(_data.Path, phone, sentBefore);
    }

    private async Task<string> UserIdAsync(string token)
    {
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);
        using var profile = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        return profile.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _client.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _data.Dispose();
    }
}
