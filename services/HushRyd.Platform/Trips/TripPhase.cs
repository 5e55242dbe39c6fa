namespace HushRyd.Platform.Trips;

/// <summary>Where a trip is in its life, as other modules need it: positions are written only while it is under way.</summary>
public enum TripPhase
{
    Scheduled,
    Started,
    Ended,
}
