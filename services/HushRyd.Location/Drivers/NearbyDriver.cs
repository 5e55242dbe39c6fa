namespace HushRyd.Location.Drivers;

public sealed record NearbyDriver(string DriverId, double Lat, double Lng, double DistanceKm, DateTimeOffset LastSeen);
