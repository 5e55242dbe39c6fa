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
        using (var sent = await client.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone }))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        var code = await ReadCodeAsync(dataDirectory, phone);
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

    public static async Task<string> ReadCodeAsync(string dataDirectory, string phone)
    {
        var file = Path.Combine(dataDirectory, "outbox", "sms.jsonl");
        var lines = await File.ReadAllLinesAsync(file);
        var last = lines.Select(line => JsonDocument.Parse(line).RootElement).Last(entry => entry.GetProperty("to").GetString() == phone);
        return SixDigits().Match(last.GetProperty("body").GetString()!).Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
