namespace HushRyd.Trips.Trips;

/// <summary>The lower-case names statuses have on the wire and in both stores.</summary>
public static class TripStatusNames
{
    public static string Name(this TripStatus status) => status switch
    {
        TripStatus.Scheduled => "scheduled",
        TripStatus.Started => "started",
        TripStatus.Completed => "completed",
        TripStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? name, out TripStatus status)
    {
        foreach (var candidate in Enum.GetValues<TripStatus>())
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

    public static TripStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"Unknown trip status '{name}'.");
}
