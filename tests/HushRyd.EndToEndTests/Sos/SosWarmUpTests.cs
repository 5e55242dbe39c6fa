using HushRyd.Testing;
using Microsoft.Data.Sqlite;

namespace HushRyd.EndToEndTests.Sos;

/// <summary>The first SOS after a start must not pay for the workflow path's first use: the server walks that path itself.</summary>
public sealed class SosWarmUpTests : IDisposable
{
    private const string Warmed = "SOS workflow path warmed up: the warm-up workflow ended Completed";
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_started_server_runs_a_warm_up_workflow_to_completion_and_leaves_no_instance_behind()
    {
        var settings = SosServer.Settings(TimeSpan.FromMinutes(2));
        settings["Logging__LogLevel__HushRyd.Sos.Running.SosWorkflowWarmUp"] = "Information";
        await using var server = ServerProcess.Start(_data.Path, settings);
        using var client = await server.WaitUntilReadyAsync();

        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(server.Output.Contains(Warmed, StringComparison.Ordinal)), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)), server.Output);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(WarmUpInstances() == 0), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50)), "the warm-up instance was not purged");
    }

    private long WarmUpInstances()
    {
        var file = Directory.GetFiles(_data.Path, "workflows.db", SearchOption.AllDirectories).Single();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM instances WHERE instance_id LIKE 'warm-up-%'";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _data.Dispose();
}
