namespace HushRyd.Platform.Realtime;

/// <summary>
/// The seed's Redis pub/sub channels: <c>trip:{tripId}</c> carries a trip's positions, <c>sos:alerts</c> SOS alerts for
/// every admin desk, <c>user:{userId}</c> one user's notifications. Publishers and the realtime module meet here.
/// </summary>
public static class RealtimeChannels
{
    public const string SosAlerts = "sos:alerts";

    /// <summary>What every user channel starts with.</summary>
    public const string UserPrefix = "user:";

    public static string Trip(string tripId) => "trip:" + tripId;

    public static string User(string userId) => UserPrefix + userId;
}
