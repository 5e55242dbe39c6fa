namespace HushRyd.Location.Api;

/// <summary>A driver going online (with where they are) or offline; sent again as a heartbeat while online.</summary>
public sealed record AvailabilityRequest(bool? Online, double? Lat, double? Lng);
