namespace HushRyd.Platform.Realtime;

/// <summary>
/// A message on a seed channel that names its event: camelCase JSON <c>{"event": ..., "data": ...}</c>. A message without
/// an <c>event</c> property is delivered as the channel's default event (<see cref="RealtimeRooms.DefaultEventOf"/>), so a
/// bare <see cref="TripLocationMessage"/> on <c>trip:{tripId}</c> is a <c>location</c> event.
/// </summary>
public sealed record RealtimeEnvelope(string Event, object Data);
