namespace HushRyd.Trips.Api;

/// <summary>The limits a published trip and a search must respect.</summary>
public static class TripRules
{
    public const int MaxSeats = 8;
    public const int MaxCityLength = 80;
    public const int MaxAddressLength = 200;
    public const decimal MaxFare = 100_000m;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const double DefaultRadiusKm = 5;
    public const double MaxRadiusKm = 50;
    public const int MaxTrustedContacts = 5;
    public const int MaxMakeModelLength = 40;
    public const int MaxColourLength = 20;

    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(90);
    public static readonly TimeSpan DefaultSearchWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxSearchWindow = TimeSpan.FromDays(31);
}
