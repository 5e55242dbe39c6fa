namespace HushRyd.Trips.Api;

public sealed record NearbyTripView(TripView Trip, double DistanceKm);
