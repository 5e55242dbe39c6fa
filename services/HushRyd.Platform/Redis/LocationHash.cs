using System.Globalization;
using StackExchange.Redis;

namespace HushRyd.Platform.Redis;

/// <summary>
/// Reads a <c>location:{tripId}</c> hash, for the Location module that writes it and for readers elsewhere (share pages),
/// so the layout is parsed in one place. An entry without a position or time, or with one out of range, reads as none.
/// </summary>
public static class LocationHash
{
    public static readonly RedisValue[] Fields =
        [LocationKeys.Lat, LocationKeys.Lng, LocationKeys.Speed, LocationKeys.Heading, LocationKeys.Timestamp, LocationKeys.DriverId];

    public static async Task<StoredLocation?> ReadAsync(IDatabase database, string tripId)
    {
        ArgumentNullException.ThrowIfNull(database);
        var values = await database.HashGetAsync(LocationKeys.Trip(tripId), Fields);
        if (!TryNumber(values[0], out var lat) || !TryNumber(values[1], out var lng) || lat is < -90 or > 90 || lng is < -180 or > 180
            || !long.TryParse((string?)values[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp))
        {
            return null;
        }

        return new StoredLocation(tripId, values[5].IsNullOrEmpty ? string.Empty : values[5]!, lat, lng, Optional(values[2]), Optional(values[3]), timestamp);
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double? Optional(RedisValue value) => TryNumber(value, out var number) ? number : null;

    private static bool TryNumber(RedisValue value, out double number) =>
        double.TryParse((string?)value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
