namespace HushRyd.Trips.Api;

/// <summary>The car a trip runs in: <c>{registration, makeModel, colour}</c>, all three when the vehicle is given.</summary>
public sealed record VehicleRequest(string? Registration, string? MakeModel, string? Colour);
