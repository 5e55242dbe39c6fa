using System.Text.Json;

namespace HushRyd.Testing;

public static class HttpJson
{
    /// <summary>The response body as JSON, detached from its document so it outlives the response.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
