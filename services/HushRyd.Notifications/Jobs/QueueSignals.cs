using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Embedded.Events;

namespace HushRyd.Notifications.Jobs;

/// <summary>One wake-up per queue: an add or a finished job wakes that queue's workers at once instead of at their next poll.</summary>
public sealed class QueueSignals
{
    private readonly Dictionary<NotificationChannelKind, EventDispatchSignal> _signals =
        Enum.GetValues<NotificationChannelKind>().ToDictionary(queue => queue, _ => new EventDispatchSignal());

    public void Wake(NotificationChannelKind queue) => _signals[queue].Wake();

    public Task WaitAsync(NotificationChannelKind queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        _signals[queue].WaitAsync(timeout, cancellationToken);
}
