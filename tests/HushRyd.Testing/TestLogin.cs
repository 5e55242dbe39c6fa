using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace HushRyd.Testing;

/// <summary>Signs in the way a user does: request an OTP, read it from the dev outbox, verify it.</summary>
public static partial class TestLogin
{
    /// <summary>Test servers list this phone in Auth:AdminPhones.</summary>
    public const string AdminPhone = "+919800000001";

    /// <summary>Test servers list these phones in Auth:DriverPhones.</summary>
    public static IReadOnlyList<string> DriverPhones { get; } = ["+919800000002", "+919800000003"];

    public static async Task<string> LoginAsync(HttpClient client, string dataDirectory, string phone)
    {
        var sentBefore = await SentCountAsync(dataDirectory, phone);
        using (var sent = await client.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone }))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        var code = await ReadCodeAsync(dataDirectory, phone, sentBefore);
        using var verified = await client.PostAsJsonAsync(new Uri("/api/v1/auth/verify", UriKind.Relative), new { phone, code });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        using var body = JsonDocument.Parse(await verified.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signs in as the admin and makes the client send the token from now on.</summary>
    public static async Task<string> SignInAsAdminAsync(HttpClient client, string dataDirectory)
    {
        var token = await LoginAsync(client, dataDirectory, AdminPhone);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    /// <summary>A client of its own for <paramref name="phone"/>, signed in and sending its token.</summary>
    public static async Task<HttpClient> SignedInClientAsync(Uri baseAddress, string dataDirectory, string phone)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        var token = await LoginAsync(client, dataDirectory, phone);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The user id (the <c>sub</c> claim) an access token was issued to.</summary>
    public static string UserIdOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
        return claims.RootElement.GetProperty("sub").GetString()!;
    }

    /// <summary>How many SMS the dev outbox holds for <paramref name="phone"/>; pass it to <see cref="ReadCodeAsync"/> after requesting a code.</summary>
    public static async Task<int> SentCountAsync(string dataDirectory, string phone) => (await SentAsync(dataDirectory, phone)).Count;

    /// <summary>The code of the first SMS after the <paramref name="sentBefore"/> already there: it goes out through the queue, so it may take a moment.</summary>
    public static async Task<string> ReadCodeAsync(string dataDirectory, string phone, int sentBefore)
    {
        List<JsonElement> sent = [];
        Assert.True(
            await Eventually.HoldsAsync(async () => (sent = await SentAsync(dataDirectory, phone)).Count > sentBefore, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20)),
            $"no SMS reached the outbox for {phone}");
        return SixDigits().Match(sent[sentBefore].GetProperty("body").GetString()!).Value;
    }

    private static Task<List<JsonElement>> SentAsync(string dataDirectory, string phone) => OutboxFiles.SmsToAsync(dataDirectory, phone);

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
