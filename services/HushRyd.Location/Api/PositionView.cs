using HushRyd.Location.Positions;

namespace HushRyd.Location.Api;

/// <summary>A trip's position. <see cref="Stale"/> when Redis is unreachable and this is the last point the record store holds.</summary>
public sealed record PositionView(string TripId, double Lat, double Lng, double? Speed, double? Heading, DateTimeOffset Timestamp, string DriverId, bool Stale)
{
    public static PositionView From(TripPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var u = position.Update;
        return new PositionView(u.TripId, u.Lat, u.Lng, u.Speed, u.Heading, u.At, u.DriverId, position.Stale);
    }
}
