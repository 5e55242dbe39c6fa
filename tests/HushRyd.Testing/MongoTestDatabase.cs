using System.Net.Sockets;
using MongoDB.Driver;
using Testcontainers.MongoDb;
using Xunit;

namespace HushRyd.Testing;

/// <summary>
/// A MongoDB for tests: the server named by HUSHRYD_TEST_MONGO, else a Testcontainers container where a
/// Docker engine answers, else the test is skipped with the reason printed.
/// </summary>
public sealed class MongoTestDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "HUSHRYD_TEST_MONGO";

    private readonly MongoDbContainer? _container;

    private MongoTestDatabase(string connectionString, MongoDbContainer? container)
    {
        ConnectionString = connectionString;
        Client = new MongoClient(connectionString);
        _container = container;
        Database = Client.GetDatabase($"hushryd_test_{Guid.NewGuid():N}");
    }

    /// <summary>For tests that hand the server to another process.</summary>
    public string ConnectionString { get; }

    public IMongoClient Client { get; }

    public IMongoDatabase Database { get; }

    public static async Task<MongoTestDatabase> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new MongoTestDatabase(configured, null);
        }

        Skip.IfNot(DockerEngineAnswers(), $"no MongoDB: set {EnvironmentVariable} to a connection string, or run where a Docker engine answers (Testcontainers).");
        var container = new MongoDbBuilder("mongo:7").Build();
        await container.StartAsync();
        return new MongoTestDatabase(container.GetConnectionString(), container);
    }

    private static bool DockerEngineAnswers()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host) && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return true;
        }

        var socketPath = string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host["unix://".Length..];
        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DropDatabaseAsync(Database.DatabaseNamespace.DatabaseName);
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
