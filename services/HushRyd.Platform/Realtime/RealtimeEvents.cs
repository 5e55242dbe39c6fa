namespace HushRyd.Platform.Realtime;

/// <summary>The server-to-client events of the public contract (API.md, Realtime).</summary>
public static class RealtimeEvents
{
    public const string Location = "location";

    public const string Sos = "sos";

    public const string Notification = "notification";
}
