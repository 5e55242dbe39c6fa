namespace HushRyd.Platform.Realtime;

/// <summary>
/// The rooms a realtime connection can be in, and the seed channel that feeds each: <c>trip:{tripId}</c> and
/// <c>user:{userId}</c> are fed by the channel of the same name, <c>sos:admins</c> by <c>sos:alerts</c>.
/// </summary>
public static class RealtimeRooms
{
    public const string SosAdmins = "sos:admins";

    public static string Trip(string tripId) => RealtimeChannels.Trip(tripId);

    public static string User(string userId) => RealtimeChannels.User(userId);

    /// <summary>The channel whose messages reach the room's members on every node.</summary>
    public static string ChannelOf(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return room == SosAdmins ? RealtimeChannels.SosAlerts : room;
    }

    /// <summary>The event a bare message (not a <see cref="RealtimeEnvelope"/>) on this channel is delivered as.</summary>
    public static string DefaultEventOf(string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel == RealtimeChannels.SosAlerts ? RealtimeEvents.Sos
            : channel.StartsWith("trip:", StringComparison.Ordinal) ? RealtimeEvents.Location
            : RealtimeEvents.Notification;
    }
}
