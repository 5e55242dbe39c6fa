using System.Reflection;
using System.Text.Json.Serialization;

namespace HushRyd.Trips;

/// <summary>
/// An enum's names as its <see cref="JsonStringEnumMemberNameAttribute"/>s give them, so the JSON contract
/// and both stores spell a status the same way from one declaration.
/// </summary>
public static class WireNames
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Table<TEnum>.Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    public static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return name is not null && Table<TEnum>.Values.TryGetValue(name, out value);
    }

    public static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(name, out var value) ? value : throw new FormatException($"Unknown {typeof(TEnum).Name} '{name}'.");

    private static class Table<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToDictionary(
            value => value,
            value => typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString());

        public static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);
    }
}
