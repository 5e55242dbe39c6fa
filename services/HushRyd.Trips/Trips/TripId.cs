namespace HushRyd.Trips.Trips;

public static class TripId
{
    public static string New() => "trp_" + Guid.CreateVersion7().ToString("N");
}
