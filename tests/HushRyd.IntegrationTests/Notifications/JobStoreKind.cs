namespace HushRyd.IntegrationTests.Notifications;

/// <summary>The job engines: SQLite (embedded) and Redis (<c>--runtime dapr</c>) on both servers it runs on here.</summary>
public enum JobStoreKind
{
    Sqlite,
    Garnet,
    RedisServer,
}
