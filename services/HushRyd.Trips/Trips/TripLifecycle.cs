namespace HushRyd.Trips.Trips;

/// <summary>scheduled → started → completed, or scheduled → cancelled; nothing else.</summary>
public static class TripLifecycle
{
    public static TripStatus From(TripTransition transition) => transition switch
    {
        TripTransition.Start => TripStatus.Scheduled,
        TripTransition.Complete => TripStatus.Started,
        TripTransition.Cancel => TripStatus.Scheduled,
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
    };

    public static TripStatus To(TripTransition transition) => transition switch
    {
        TripTransition.Start => TripStatus.Started,
        TripTransition.Complete => TripStatus.Completed,
        TripTransition.Cancel => TripStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
    };

    public static bool Allows(TripStatus current, TripTransition transition) => current == From(transition);

    /// <summary>An ended trip takes no bookings and its share links stop working.</summary>
    public static bool HasEnded(TripStatus status) => status is TripStatus.Completed or TripStatus.Cancelled;
}
