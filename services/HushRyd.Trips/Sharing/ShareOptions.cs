namespace HushRyd.Trips.Sharing;

public sealed class ShareOptions
{
    public const string SectionName = "Trips";

    /// <summary>Scheme and host that share URLs start with (e.g. https://hushryd.in); empty means the request's own.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long after departure (or after creation, if later) a link works at most, even if the trip never ends.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);
}
