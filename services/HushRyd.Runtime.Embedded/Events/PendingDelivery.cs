namespace HushRyd.Runtime.Embedded.Events;

/// <summary>One event owed to one subscription.</summary>
public sealed record PendingDelivery(long Sequence, string Subscription, int Attempts, string EventId, string Topic, byte[] Payload)
{
    public (long, string) Key => (Sequence, Subscription);
}
