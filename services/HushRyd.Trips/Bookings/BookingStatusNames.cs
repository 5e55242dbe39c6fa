namespace HushRyd.Trips.Bookings;

/// <summary>The lower-case names booking statuses have on the wire and in both stores.</summary>
public static class BookingStatusNames
{
    public static string Name(this BookingStatus status) => status switch
    {
        BookingStatus.Confirmed => "confirmed",
        BookingStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? name, out BookingStatus status)
    {
        foreach (var candidate in Enum.GetValues<BookingStatus>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static BookingStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"Unknown booking status '{name}'.");
}
