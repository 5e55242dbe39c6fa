namespace HushRyd.Location.Api;

/// <summary>What a reported position must satisfy; the answer names the field at fault.</summary>
public static class PositionValidation
{
    public const double MaxSpeedKmh = 300;

    /// <returns>The offending field and why, or null when the report is valid.</returns>
    public static (string Field, string Message)? Check(
        double? lat, double? lng, double? speed, double? heading, DateTimeOffset? timestamp, DateTimeOffset now, LocationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (CheckPoint(lat, lng) is { } point)
        {
            return point;
        }

        if (speed is { } s && (!double.IsFinite(s) || s is < 0 or > MaxSpeedKmh))
        {
            return ("speed", $"Give the speed in km/h, from 0 to {MaxSpeedKmh}, or leave it out.");
        }

        if (heading is { } h && (!double.IsFinite(h) || h is < 0 or >= 360))
        {
            return ("heading", "Give the heading in degrees from north, at least 0 and below 360, or leave it out.");
        }

        if (timestamp is not { } at)
        {
            return ("timestamp", "Give the time of the fix as an ISO 8601 date-time with its offset.");
        }

        if (at > now + options.MaxClockSkew)
        {
            return ("timestamp", $"The fix is dated more than {options.MaxClockSkew.TotalSeconds:0} s in the future; check the device clock.");
        }

        return at < now - options.MaxAge
            ? ("timestamp", $"The fix is older than {options.MaxAge.TotalHours:0} hours; only live positions are accepted.")
            : null;
    }

    public static (string Field, string Message)? CheckPoint(double? lat, double? lng) =>
        lat is not { } latitude || !double.IsFinite(latitude) || latitude is < -90 or > 90 ? ("lat", "Give the latitude in degrees, from -90 to 90.")
        : lng is not { } longitude || !double.IsFinite(longitude) || longitude is < -180 or > 180 ? ("lng", "Give the longitude in degrees, from -180 to 180.")
        : null;
}
