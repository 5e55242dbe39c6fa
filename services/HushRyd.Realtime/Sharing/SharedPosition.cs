using System.Globalization;

namespace HushRyd.Realtime.Sharing;

/// <summary>What a share page may see of a position: where and when, never who drives.</summary>
public sealed record SharedPosition(double Lat, double Lng, double? Speed, long Timestamp)
{
    internal static SharedPosition? From(object? data) =>
        data is IReadOnlyDictionary<string, object?> fields
        && Number(fields, "lat") is { } lat && Number(fields, "lng") is { } lng && Number(fields, "timestamp") is { } timestamp
            ? new SharedPosition(lat, lng, Number(fields, "speed"), (long)timestamp)
            : null;

    private static double? Number(IReadOnlyDictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) && value is long or double ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;
}
