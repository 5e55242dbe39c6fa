namespace HushRyd.Workflows.Sos.Notifying;

/// <summary>One key per alert, step, recipient and channel: an activity replayed after a crash adds the same job again, and the queue keeps one.</summary>
public static class SosDedupeKeys
{
    public static string For(string alertId, string step, string recipient, string channel) => $"sos:{alertId}:{step}:{recipient}:{channel}";
}
