namespace HushRyd.Sos.Tracking;

/// <summary>A tracked alert's newest position, pushed as the <c>sos</c> event to the desk and the alert's followers.</summary>
public sealed record SosLocationUpdate(string AlertId, string Status, double Lat, double Lng, long Timestamp);
