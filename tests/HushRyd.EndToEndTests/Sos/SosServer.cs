using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Sos;

/// <summary>The real server with the SOS timings shortened, a traveller with one trusted contact, and the dev outbox to read.</summary>
internal static class SosServer
{
    public const string Traveller = "+919812300001";
    public const string Contact = "+919812300002";
    public const string OnCall = "+919812300009";

    public static Dictionary<string, string> Settings(TimeSpan acknowledgeTimeout) => new()
    {
        ["Sos__AcknowledgeTimeout"] = acknowledgeTimeout.ToString("c"),
        ["Sos__OnCall__0__Name"] = "Desk lead",
        ["Sos__OnCall__0__Phone"] = OnCall,
        ["Sos__DeskEmail"] = "desk@hushryd.test",
    };

    /// <summary>Signs the traveller in and gives them one trusted contact.</summary>
    public static async Task<HttpClient> TravellerAsync(Uri baseAddress, string dataDirectory)
    {
        var traveller = await TestLogin.SignedInClientAsync(baseAddress, dataDirectory, Traveller);
        using var saved = await traveller.PutAsJsonAsync(new Uri("/api/v1/users/me/trusted-contacts", UriKind.Relative), new[] { new { name = "Asha", phone = Contact } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return traveller;
    }

    public static async Task<(HttpStatusCode Status, string AlertId)> RaiseAsync(HttpClient traveller, string idempotencyKey, string? tripId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/sos", UriKind.Relative)) { Content = JsonContent.Create(new { tripId, lat = 12.9716, lng = 77.5946, note = "cab took a wrong turn" }) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await traveller.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        return (response.StatusCode, json.RootElement.TryGetProperty("alertId", out var id) ? id.GetString()! : body);
    }

    /// <summary>Outbox lines of one channel to one recipient whose body contains <paramref name="text"/>.</summary>
    public static List<JsonElement> Sent(string dataDirectory, string channel, string to, string text)
    {
        var file = Path.Combine(dataDirectory, "outbox", channel + ".jsonl");
        return !File.Exists(file)
            ? []
            : [.. File.ReadAllLines(file)
                .Where(line => line.EndsWith('}'))
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Where(e => e.GetProperty("to").GetString() == to && e.GetProperty("body").GetString()!.Contains(text, StringComparison.Ordinal))];
    }

    public static Task<bool> SentWithinAsync(string dataDirectory, string channel, string to, string text, int count, TimeSpan timeout) =>
        Eventually.HoldsAsync(() => Task.FromResult(Sent(dataDirectory, channel, to, text).Count >= count), timeout, TimeSpan.FromMilliseconds(20));
}
