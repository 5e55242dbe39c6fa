using System.Net;
using System.Net.Http.Json;

namespace HushRyd.Platform.Trips;

/// <summary>Asks the Trips module in another process (<c>SosContactEndpoints</c> in Trips), over the same client as <see cref="HttpTripDirectory"/>.</summary>
public sealed class HttpSosContacts(HttpClient trips) : ISosContacts
{
    public async Task<IReadOnlyList<SosContact>> TrustedContactsOfAsync(string userId, CancellationToken cancellationToken) =>
        await trips.GetFromJsonAsync<SosContact[]>(new Uri($"users/{Uri.EscapeDataString(userId)}/trusted-contacts", UriKind.Relative), HttpTripDirectory.Json, cancellationToken) ?? [];

    public async Task<string?> IssueShareTokenAsync(string tripId, string userId, CancellationToken cancellationToken)
    {
        using var response = await trips.PostAsJsonAsync(
            new Uri($"trips/{Uri.EscapeDataString(tripId)}/share-tokens", UriKind.Relative), new ShareTokenRequest(userId), HttpTripDirectory.Json, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<IssuedShareToken>(HttpTripDirectory.Json, cancellationToken))?.Token;
    }

    public sealed record ShareTokenRequest(string UserId);

    public sealed record IssuedShareToken(string Token);
}
