namespace HushRyd.Realtime.Lean;

/// <summary>What carries a lean connection's socket, the upgraded request or the connection taken over from it: its id, its end, and how to end it.</summary>
internal readonly record struct SocketLifetime(string Id, Action Abort, CancellationToken Ended);
