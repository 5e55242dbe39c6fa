namespace HushRyd.Platform.State;

public sealed record StateEntry<T>(string Key, T Value, string ETag);
