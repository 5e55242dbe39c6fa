using System.Diagnostics;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>A node going down, as Kubernetes stops it (SIGTERM), and the clients of its lean path.</summary>
public sealed class LeanShutdownTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _server = ServerProcess.Start(_data.Path);
        (await _server.WaitUntilReadyAsync()).Dispose();
    }

    [Fact]
    public async Task A_stopping_node_tells_its_lean_clients_to_reconnect_at_once_and_exits_without_waiting_out_their_sockets()
    {
        using var rider = await TestLogin.SignedInClientAsync(_server.BaseAddress, _data.Path, "+919812349201");
        var (socket, refused) = await RawHubSocket.TryConnectAsync(_server.BaseAddress, rider.DefaultRequestHeaders.Authorization!.Parameter!);
        await using var lean = socket;
        Assert.Null(refused);

        var stopping = Stopwatch.StartNew();
        var exited = _server.TerminateAsync(TimeSpan.FromSeconds(40));
        var close = await lean.ReadUntilAsync(record => record.Contains("\"type\":7", StringComparison.Ordinal));
        var toldAfter = stopping.Elapsed;
        await exited;

        Assert.Contains("\"allowReconnect\":true", close, StringComparison.Ordinal);
        Assert.True(toldAfter < TimeSpan.FromSeconds(5), $"told to reconnect after {toldAfter.TotalSeconds:F1} s");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"the node took {stopping.Elapsed.TotalSeconds:F1} s to stop; its shutdown timeout is 30 s");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _data.Dispose();
    }
}
