namespace HushRyd.Sos.Tracking;

/// <summary>The seed's SOS tracking hash: <c>sos:tracking:{alertId}</c> with tripId, status, startedAt, lastLocation.</summary>
public static class SosTrackingKeys
{
    public const string TripId = "tripId";
    public const string Status = "status";
    public const string StartedAt = "startedAt";
    public const string LastLocation = "lastLocation";

    public static string Of(string alertId) => "sos:tracking:" + alertId;
}
