using HushRyd.Platform.Geo;
using System.Globalization;
using System.Text;

namespace HushRyd.Trips.Places;

/// <summary>
/// Canonical city names (so "bangalore", "Bengaluru " and "BENGALURU" search the same trips) and the region
/// each belongs to. A city not in the table keeps its own title-cased name and takes the region of the
/// nearest known city to its coordinates.
/// </summary>
public static class Cities
{
    public static IReadOnlyList<KnownCity> Known { get; } =
    [
        new("Delhi", Region.North, 28.6139, 77.2090, ["New Delhi"]),
        new("Gurugram", Region.North, 28.4595, 77.0266, ["Gurgaon"]),
        new("Noida", Region.North, 28.5355, 77.3910, []),
        new("Chandigarh", Region.North, 30.7333, 76.7794, []),
        new("Jaipur", Region.North, 26.9124, 75.7873, []),
        new("Lucknow", Region.North, 26.8467, 80.9462, []),
        new("Dehradun", Region.North, 30.3165, 78.0322, []),
        new("Amritsar", Region.North, 31.6340, 74.8723, []),
        new("Mumbai", Region.West, 19.0760, 72.8777, ["Bombay"]),
        new("Navi Mumbai", Region.West, 19.0330, 73.0297, []),
        new("Pune", Region.West, 18.5204, 73.8567, ["Poona"]),
        new("Ahmedabad", Region.West, 23.0225, 72.5714, []),
        new("Surat", Region.West, 21.1702, 72.8311, []),
        new("Goa", Region.West, 15.4909, 73.8278, ["Panaji"]),
        new("Bengaluru", Region.South, 12.9716, 77.5946, ["Bangalore"]),
        new("Chennai", Region.South, 13.0827, 80.2707, ["Madras"]),
        new("Hyderabad", Region.South, 17.3850, 78.4867, ["Secunderabad"]),
        new("Kochi", Region.South, 9.9312, 76.2673, ["Cochin"]),
        new("Thiruvananthapuram", Region.South, 8.5241, 76.9366, ["Trivandrum"]),
        new("Coimbatore", Region.South, 11.0168, 76.9558, []),
        new("Mysuru", Region.South, 12.2958, 76.6394, ["Mysore"]),
        new("Visakhapatnam", Region.South, 17.6868, 83.2185, ["Vizag"]),
        new("Kolkata", Region.East, 22.5726, 88.3639, ["Calcutta"]),
        new("Bhubaneswar", Region.East, 20.2961, 85.8245, []),
        new("Patna", Region.East, 25.5941, 85.1376, []),
        new("Guwahati", Region.East, 26.1445, 91.7362, []),
        new("Ranchi", Region.East, 23.3441, 85.3096, []),
        new("Bhopal", Region.Central, 23.2599, 77.4126, []),
        new("Indore", Region.Central, 22.7196, 75.8577, []),
        new("Nagpur", Region.Central, 21.1458, 79.0882, []),
        new("Raipur", Region.Central, 21.2514, 81.6296, []),
    ];

    private static readonly Dictionary<string, KnownCity> ByKey = Known
        .SelectMany(city => city.Aliases.Append(city.Name).Select(name => (Key: Key(name), City: city)))
        .ToDictionary(entry => entry.Key, entry => entry.City, StringComparer.Ordinal);

    /// <summary>The name trips are stored and searched under.</summary>
    public static string Canonical(string city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var key = Key(city);
        return ByKey.TryGetValue(key, out var known) ? known.Name : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(key);
    }

    public static string RegionOf(string city, double lat, double lng)
    {
        ArgumentNullException.ThrowIfNull(city);
        return ByKey.TryGetValue(Key(city), out var known)
            ? known.Region
            : Known.MinBy(c => GeoDistance.Kilometres(lat, lng, c.Lat, c.Lng))!.Region;
    }

    private static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var word in name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word.ToLowerInvariant());
        }

        return builder.ToString();
    }
}
