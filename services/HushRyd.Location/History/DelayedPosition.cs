using HushRyd.Location.Positions;

namespace HushRyd.Location.History;

public sealed record DelayedPosition(string Id, PositionUpdate Update);
