using System.Text.Json;

namespace HushRyd.Platform.State;

/// <summary>The one serialization for state values, so adapters agree on what they store.</summary>
public static class StateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
