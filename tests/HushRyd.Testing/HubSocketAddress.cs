using System.Net.Http.Headers;
using System.Text.Json;

namespace HushRyd.Testing;

/// <summary>
/// Where a hand-written SignalR client opens its WebSocket: the hub's URL with the user's token in the query, as browsers
/// send it, and, for a client that negotiates first, the connection id SignalR gave it (without one, the server's lean
/// path takes the socket).
/// </summary>
public static class HubSocketAddress
{
    /// <param name="hub">The hub's http(s) URL, e.g. http://127.0.0.1:5000/ws/hub.</param>
    /// <param name="invoker">Sends the negotiation, so it leaves from where the socket will.</param>
    public static async Task<Uri> ForAsync(Uri hub, string token, HttpMessageInvoker invoker, bool negotiate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(invoker);
        var query = "access_token=" + Uri.EscapeDataString(token);
        if (negotiate)
        {
            query += "&id=" + Uri.EscapeDataString(await NegotiateAsync(hub, token, invoker, cancellationToken));
        }

        return new UriBuilder(hub) { Scheme = hub.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Query = query }.Uri;
    }

    /// <returns>The connection token SignalR gives the WebSocket to open.</returns>
    private static async Task<string> NegotiateAsync(Uri hub, string token, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new UriBuilder(hub) { Path = hub.AbsolutePath.TrimEnd('/') + "/negotiate", Query = "negotiateVersion=1" }.Uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await invoker.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return answer.RootElement.GetProperty("connectionToken").GetString()!;
    }
}
