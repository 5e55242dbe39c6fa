using System.Text.Json;

namespace HushRyd.Location;

/// <summary>camelCase JSON, as the realtime module and the apps read it.</summary>
public static class LocationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
