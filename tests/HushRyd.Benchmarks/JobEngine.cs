namespace HushRyd.Benchmarks;

/// <summary>Where the notifications module keeps its jobs: Redis under <c>--runtime dapr</c>, SQLite embedded.</summary>
internal enum JobEngine
{
    Redis,
    Sqlite,
}
