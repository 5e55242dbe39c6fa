using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Location;

/// <summary>
/// One server process for a test class, with a driver and a passenger signed in; each test makes its own trips.
/// A phone signs in once (OTPs are rate limited per phone); its client is shared and disposed with the fixture.
/// </summary>
public sealed class LocationServer : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, Task<HttpClient>> _clients = [];

    public ServerProcess Server { get; private set; } = null!;

    public HttpClient Driver { get; private set; } = null!;

    public HttpClient Passenger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = ServerProcess.Start(_data.Path);
        (await Server.WaitUntilReadyAsync()).Dispose();
        Driver = await SignInAsync(TestLogin.DriverPhones[0]);
        Passenger = await SignInAsync("+919812340101");
    }

    public Task<HttpClient> SignInAsync(string phone)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(phone, out var client))
            {
                client = TestLogin.SignedInClientAsync(Server.BaseAddress, _data.Path, phone);
                _clients[phone] = client;
            }

            return client;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values.Where(c => c.IsCompletedSuccessfully))
        {
            client.Result.Dispose();
        }

        await Server.DisposeAsync();
        _data.Dispose();
    }
}
