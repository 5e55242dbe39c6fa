using MongoDB.Driver;

namespace HushRyd.Runtime.Dapr.Mongo;

/// <summary>One line an operator can act on; the driver's own messages span lines (cluster state, inner stack traces).</summary>
public static class MongoFailure
{
    public static string Describe(IMongoDatabase database, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(exception);
        var servers = string.Join(",", database.Client.Settings.Servers);
        var reason = exception is TimeoutException
            ? $"no MongoDB server at {servers} answered within {database.Client.Settings.ServerSelectionTimeout.TotalSeconds:0.#} s"
            : FirstLine(exception.Message);
        return $"cannot create MongoDB indexes in '{database.DatabaseNamespace.DatabaseName}': {reason}; check Mongo:ConnectionString (environment: Mongo__ConnectionString).";
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.', ' ');
    }
}
