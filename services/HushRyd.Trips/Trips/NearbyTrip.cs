namespace HushRyd.Trips.Trips;

public sealed record NearbyTrip(Trip Trip, double DistanceKm);
