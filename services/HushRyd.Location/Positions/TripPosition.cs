namespace HushRyd.Location.Positions;

/// <summary>A trip's latest position. <see cref="Stale"/> when Redis could not answer and it came from the record store.</summary>
public sealed record TripPosition(PositionUpdate Update, bool Stale);
