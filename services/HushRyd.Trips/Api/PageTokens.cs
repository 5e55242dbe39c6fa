using System.Buffers.Text;
using System.Globalization;
using System.Text;
using HushRyd.Trips.Trips;

namespace HushRyd.Trips.Api;

/// <summary>Opaque page tokens: clients pass them back unread, so their format may change.</summary>
public static class PageTokens
{
    public static string? From(TripCursor? cursor) =>
        cursor is null ? null : Encode($"t:{cursor.DepartureTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{cursor.Id}");

    public static string FromOffset(int offset) => Encode($"o:{offset.ToString(CultureInfo.InvariantCulture)}");

    public static bool TryReadCursor(string? token, out TripCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        var parts = Decode(token)?.Split(':', 3);
        if (parts is not ["t", var time, var id] || !long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs) || id.Length == 0)
        {
            return false;
        }

        cursor = new TripCursor(DateTimeOffset.FromUnixTimeMilliseconds(unixMs), id);
        return true;
    }

    public static bool TryReadOffset(string? token, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        var parts = Decode(token)?.Split(':', 2);
        return parts is ["o", var value] && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }

    private static string Encode(string value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    private static string? Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
