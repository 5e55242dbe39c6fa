using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HushRyd.Platform.Trips;

/// <summary>Asks the Trips module in another process, through its internal API (<c>TripDirectoryEndpoints</c> in Trips).</summary>
public sealed class HttpTripDirectory(HttpClient trips) : ITripDirectory
{
    public const string ClientName = "trips";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public async Task<TripParticipants?> FindAsync(string tripId, CancellationToken cancellationToken)
    {
        using var response = await trips.GetAsync(new Uri($"trips/{Uri.EscapeDataString(tripId)}/participants", UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TripParticipants>(Json, cancellationToken);
    }

    public async Task<string?> ResolveShareTokenAsync(string token, CancellationToken cancellationToken)
    {
        using var response = await trips.GetAsync(new Uri($"share-tokens/{Uri.EscapeDataString(token)}", UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SharedTrip>(Json, cancellationToken))?.TripId;
    }

    public sealed record SharedTrip(string TripId);
}
