using System.Net.Http.Headers;
using HushRyd.Platform.Http;

namespace HushRyd.EndToEndTests.Admin;

/// <summary>Requests as a browser sends them to the desk: with the media type it asks for, and a bearer token or the desk cookie.</summary>
internal static class DeskRequests
{
    /// <summary>Sends exactly the cookies a test sets, and shows redirects instead of following them.</summary>
    public static HttpClient NewClient(Uri baseAddress) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Headers only: an event stream never ends, so bodies are read by the caller where it needs them.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        string accept,
        string? bearer = null,
        string? cookie = null,
        EntityTagHeaderValue? ifNoneMatch = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{DeskSession.CookieName}={cookie}");
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string accept, string? bearer = null, string? cookie = null, EntityTagHeaderValue? ifNoneMatch = null) =>
        SendAsync(client, HttpMethod.Get, path, accept, bearer, cookie, ifNoneMatch);
}
