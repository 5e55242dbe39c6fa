namespace HushRyd.Trips.Places;

public sealed record KnownCity(string Name, string Region, double Lat, double Lng, IReadOnlyList<string> Aliases);
