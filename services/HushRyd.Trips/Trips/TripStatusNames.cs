namespace HushRyd.Trips.Trips;

public static class TripStatusNames
{
    public static string Name(this TripStatus status) => WireNames.Name<TripStatus>(status);

    public static bool TryParse(string? name, out TripStatus status) => WireNames.TryParse<TripStatus>(name, out status);

    public static TripStatus Parse(string name) => WireNames.Parse<TripStatus>(name);
}
