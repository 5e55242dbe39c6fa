using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Notifications;

/// <summary>One server for the queue admin tests, with short retry and breaker figures, and a client signed in as admin.</summary>
public sealed class QueueAdminServer : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public TempDirectory Data { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = ServerProcess.Start(Data.Path, new Dictionary<string, string>
        {
            ["Notifications__Providers__twilio__Threshold"] = "3",
            ["Notifications__Providers__twilio__ResetTimeout"] = "00:00:30",
            ["Notifications__Queues__MaxAttempts__High"] = "2",
            ["Notifications__Queues__InitialBackoff"] = "00:00:00.010",
        });
        Admin = await _server.WaitUntilReadyAsync();
        await TestLogin.SignInAsAdminAsync(Admin, Data.Path);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await _server.DisposeAsync();
        Data.Dispose();
    }
}
