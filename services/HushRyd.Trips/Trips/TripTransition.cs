namespace HushRyd.Trips.Trips;

public enum TripTransition
{
    Start,
    Complete,
    Cancel,
}
