using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>The lean path's keep-alive, on a node with short intervals: pings while quiet, and the end of a client that says nothing.</summary>
public sealed class LeanKeepAliveTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _server = ServerProcess.Start(_data.Path, new Dictionary<string, string>
        {
            ["Realtime__KeepAliveInterval"] = "00:00:00.500",
            ["Realtime__ClientTimeoutInterval"] = "00:00:02",
        });
        (await _server.WaitUntilReadyAsync()).Dispose();
    }

    [Fact]
    public async Task A_quiet_lean_connection_is_pinged_and_closed_once_its_client_says_nothing_past_the_timeout_while_one_that_pings_stays()
    {
        using var rider = await TestLogin.SignedInClientAsync(_server.BaseAddress, _data.Path, "+919812349101");
        var token = rider.DefaultRequestHeaders.Authorization!.Parameter!;
        var (silent, silentRefused) = await RawHubSocket.TryConnectAsync(_server.BaseAddress, token);
        await using var silentSocket = silent;
        var (pinging, pingingRefused) = await RawHubSocket.TryConnectAsync(_server.BaseAddress, token);
        await using var pingingSocket = pinging;
        Assert.Null(silentRefused);
        Assert.Null(pingingRefused);

        var ping = await silent.ReadUntilAsync(record => record == """{"type":6}""");
        var keepPinging = Task.Run(async () =>
        {
            for (var i = 0; i < 8; i++)
            {
                await pinging.SendAsync("""{"type":6}""");
                await Task.Delay(500);
            }
        });
        var (_, silentClosed) = await silent.DrainAsync(TimeSpan.FromSeconds(6));
        await keepPinging;
        await pinging.InvokeAsync("LeaveTrip", "none");

        Assert.Equal("""{"type":6}""", ping);
        Assert.True(silentClosed, "the silent client was closed within 6 s of a 2 s client timeout");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _data.Dispose();
    }
}
